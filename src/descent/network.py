"""A small neural network for two classes, trained by the book's gradient descent.

A fully connected network with layer sizes ``n_0 → n_1 → … → n_L`` (``n_0``
features in, one probability out, ``n_L = 1``) maps a batch ``X`` of ``m``
rows through the layers ``l = 1, …, L``:

.. math::

    Z^{[l]} = A^{[l-1]} W^{[l]} + \\mathbf{1} b^{[l]\\top}, \\qquad
    A^{[l]} = g\\bigl(Z^{[l]}\\bigr) \\ (l < L), \\qquad
    p = \\sigma\\bigl(Z^{[L]}\\bigr),

with ``A^{[0]} = X`` (m, n_0), ``W^{[l]}`` of shape (n_{l-1}, n_l), ``b^{[l]}``
of shape (n_l,), the hidden activation ``g`` (tanh or ReLU) and the sigmoid
``σ`` at the output. The cost is the mean cross-entropy of
:mod:`descent.logistic` (scikit-learn's ``log_loss``). Backpropagation gives
its gradient layer by layer, from the output back:

.. math::

    \\Delta^{[L]} = \\frac{1}{m}(p - y), \\qquad
    \\frac{\\partial J}{\\partial W^{[l]}} = A^{[l-1]\\top} \\Delta^{[l]}, \\qquad
    \\frac{\\partial J}{\\partial b^{[l]}} = \\Delta^{[l]\\top} \\mathbf{1}, \\qquad
    \\Delta^{[l-1]} = \\bigl(\\Delta^{[l]} W^{[l]\\top}\\bigr) \\odot g'\\bigl(Z^{[l-1]}\\bigr).

All parameters live in ONE flat vector ``theta``, layer by layer, each
``W^{[l]}`` row by row and then ``b^{[l]}`` (:func:`unpack` gives views of it,
:func:`pack` builds it). So :func:`descent.optimizers.descend`, the loop of
the book with its step rules, trains the network unchanged (:func:`network_gd`).
The weights are laid out as scikit-learn's ``MLPClassifier.coefs_`` and
``intercepts_``: ``pack(clf.coefs_, clf.intercepts_)`` is its network.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ._validation import (
    as_float_array,
    as_vector,
    check_choice,
    check_count,
    check_design,
    check_finite_result,
    check_labels,
    check_positive,
    check_random_state,
    check_theta,
)
from .optimizers import Descent, descend

__all__ = [
    "ACTIVATIONS",
    "backward",
    "forward",
    "init_params",
    "log_loss",
    "n_params",
    "network_gd",
    "numerical_gradient",
    "pack",
    "predict_proba",
    "unpack",
]

#: Hidden activations: their names are scikit-learn's ``MLPClassifier(activation=...)``.
ACTIVATIONS = ("tanh", "relu")

#: Largest layer accepted (a guard against a typo such as 10**9 neurons).
MAX_LAYER_SIZE = 10_000


# --- checks -----------------------------------------------------------------------------------


def _check_layer_sizes(layer_sizes) -> tuple[int, ...]:
    """Neurons per layer, input first, one output neuron last."""
    if not isinstance(layer_sizes, (list, tuple, np.ndarray)) or getattr(layer_sizes, "ndim", 1) != 1:
        raise TypeError(f"layer_sizes must be a list of integers such as [2, 4, 2, 1], got {type(layer_sizes).__name__}")
    sizes = tuple(check_count(n, f"layer_sizes[{i}]", maximum=MAX_LAYER_SIZE) for i, n in enumerate(layer_sizes))
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes must list at least 2 layers (input and output), got {len(sizes)}")
    if sizes[-1] != 1:
        raise ValueError(f"layer_sizes must end in 1 (one output: the probability of class 1), got {list(sizes)}")
    return sizes


def _check_inputs(X, layer_sizes) -> tuple[np.ndarray, tuple[int, ...]]:
    sizes = _check_layer_sizes(layer_sizes)
    X = as_float_array(X, "X", ndim=(2,), copy=False)
    if X.shape[1] != sizes[0]:
        raise ValueError(f"X has {X.shape[1]} columns but layer_sizes[0] is {sizes[0]}: "
                         "the input layer has one neuron per feature")
    return X, sizes


def _check_problem(X, y, theta, layer_sizes, activation, theta_name="theta"):
    X, sizes = _check_inputs(X, layer_sizes)
    X, y = check_design(X, y)
    y = check_labels(y, "y")
    activation = check_choice(activation, "activation", ACTIVATIONS)
    theta = _check_theta(theta, sizes, theta_name)
    return X, y, theta, sizes, activation


def _check_theta(theta, sizes: tuple[int, ...], name: str = "theta") -> np.ndarray:
    return check_theta(theta, n_params(sizes), name, entries=f"the weights and biases of layer_sizes {list(sizes)}")


# --- parameters -------------------------------------------------------------------------------


def n_params(layer_sizes) -> int:
    """Number of parameters: ``Σ_l (n_{l-1} n_l + n_l)``, a weight per line and a bias per neuron.

    >>> n_params([2, 4, 2, 1])
    25
    """
    sizes = _check_layer_sizes(layer_sizes)
    return sum(a * b + b for a, b in zip(sizes, sizes[1:]))


def unpack(theta, layer_sizes) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """The layers ``((W¹, b¹), …, (Wᴸ, bᴸ))`` of ``theta`` as views (no copies).

    ``W^{[l]}`` has shape (n_{l-1}, n_l) and ``b^{[l]}`` shape (n_l,); changing
    them changes ``theta`` when ``theta`` is a float ndarray.
    """
    sizes = _check_layer_sizes(layer_sizes)
    if not (isinstance(theta, np.ndarray) and theta.dtype == float):
        theta = _check_theta(theta, sizes)
    else:
        _check_theta(theta, sizes)  # checked, and the caller's array is kept for the views
        theta = theta if theta.ndim == 1 else theta[:, 0]
    return _unpack(theta, sizes)


def _unpack(theta: np.ndarray, sizes: tuple[int, ...]) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    layers, start = [], 0
    for n_in, n_out in zip(sizes, sizes[1:]):
        W = theta[start : start + n_in * n_out].reshape(n_in, n_out)  # (n_in, n_out), a view
        start += n_in * n_out
        b = theta[start : start + n_out]  # (n_out,)
        start += n_out
        layers.append((W, b))
    return tuple(layers)


def pack(weights, biases) -> np.ndarray:
    """One flat vector ``theta`` from the weight matrices and bias vectors of the layers.

    Parameters
    ----------
    weights : sequence of array-like
        ``W^{[l]}`` of shape (n_{l-1}, n_l), such as ``MLPClassifier.coefs_``.
    biases : sequence of array-like
        ``b^{[l]}`` of shape (n_l,), such as ``MLPClassifier.intercepts_``.

    Returns
    -------
    ndarray of shape (n_params,)
        ``[W¹ row by row, b¹, W² row by row, b², …]``, the order of :func:`unpack`.
    """
    for value, name in [(weights, "weights"), (biases, "biases")]:
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"{name} must be a list of arrays, one per layer, got {type(value).__name__}")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError(f"weights and biases must list the same layers (at least one), got {len(weights)} and {len(biases)}")
    parts = []
    for i, (W, b) in enumerate(zip(weights, biases)):
        W = as_float_array(W, f"weights[{i}]", ndim=(2,))
        b = as_float_array(b, f"biases[{i}]", ndim=(1,))
        if b.shape[0] != W.shape[1]:
            raise ValueError(f"biases[{i}] must have one entry per column of weights[{i}] ({W.shape[1]}), got {b.shape[0]}")
        if i > 0 and W.shape[0] != parts[-1].shape[0]:
            raise ValueError(f"weights[{i}] must have {parts[-1].shape[0]} rows (one per neuron of the layer before), "
                             f"got shape {W.shape}")
        parts += [W.ravel(), b]
    return np.concatenate(parts)


def init_params(layer_sizes, random_state=None, *, scale: float = 1.0) -> np.ndarray:
    """Random initial parameters, drawn as scikit-learn's ``MLPClassifier`` draws them.

    Every weight and bias of layer ``l`` is uniform on ``[-s, s]`` with Glorot's
    bound ``s = scale · √(6 / (n_{l-1} + n_l))``; ``scale=0`` gives all zeros.

    Parameters
    ----------
    layer_sizes : sequence of int
        Neurons per layer, input first, ending in 1.
    random_state : int, numpy Generator or None
        Seed of the draws.
    scale : float, default=1.0
        Factor on the bound (non-negative).

    Returns
    -------
    ndarray of shape (n_params(layer_sizes),)
    """
    sizes = _check_layer_sizes(layer_sizes)
    rng = check_random_state(random_state)
    scale = check_positive(scale, "scale", allow_zero=True)
    parts = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        bound = np.sqrt(6.0 / (n_in + n_out))
        parts += [rng.uniform(-bound, bound, n_in * n_out), rng.uniform(-bound, bound, n_out)]
    with np.errstate(all="ignore"):
        theta = scale * np.concatenate(parts)
    return check_finite_result(theta, "the initial parameters", "scale")


# --- forward pass, cost and backpropagation ---------------------------------------------------


def _activate(Z: np.ndarray, activation: str) -> np.ndarray:
    return np.tanh(Z) if activation == "tanh" else np.maximum(Z, 0.0)


def _activation_slope(A: np.ndarray, activation: str) -> np.ndarray:
    """``g'(Z)`` from ``A = g(Z)``: ``1 - A²`` for tanh, ``[Z > 0]`` (= ``[A > 0]``) for ReLU."""
    return 1.0 - A**2 if activation == "tanh" else (A > 0).astype(float)


def _forward(theta: np.ndarray, X: np.ndarray, sizes: tuple[int, ...], activation: str):
    """Activations ``(A⁰, …, A^{L-1}, p)`` and the output score ``Z^{[L]}`` (m, 1), on checked arrays."""
    layers = _unpack(theta, sizes)
    A = X  # A⁰ = X: (m, n_0)
    activations = [A]
    for W, b in layers[:-1]:
        A = _activate(A @ W + b, activation)  # Aˡ = g(Aˡ⁻¹ Wˡ + bˡ): (m, n_l)
        activations.append(A)
    W, b = layers[-1]
    Z = A @ W + b  # Zᴸ: (m, 1)
    activations.append(0.5 * (1.0 + np.tanh(0.5 * Z)))  # p = σ(Zᴸ): (m, 1), without overflow
    return activations, Z


def _log_loss(theta: np.ndarray, X: np.ndarray, y: np.ndarray, sizes, activation) -> float:
    _, Z = _forward(theta, X, sizes, activation)
    z = Z[:, 0]
    # -[y log p + (1 - y) log(1 - p)] = log(1 + e^z) - y z, computed stably.
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def _backward(theta: np.ndarray, X: np.ndarray, y: np.ndarray, sizes, activation) -> np.ndarray:
    activations, _ = _forward(theta, X, sizes, activation)
    layers = _unpack(theta, sizes)
    gradient = np.empty_like(theta)
    grads = _unpack(gradient, sizes)  # views into gradient, laid out as theta
    delta = (activations[-1] - y[:, None]) / len(y)  # Δᴸ = (p - y) / m: (m, 1)
    for l in range(len(layers) - 1, -1, -1):
        A_prev = activations[l]  # Aˡ⁻¹ (of layer l + 1 in 1-based numbering): (m, n_in)
        grads[l][0][...] = A_prev.T @ delta  # ∂J/∂W = Aᵀ Δ: (n_in, n_out)
        grads[l][1][...] = delta.sum(axis=0)  # ∂J/∂b = Δᵀ 1: (n_out,)
        if l > 0:
            W = layers[l][0]
            delta = (delta @ W.T) * _activation_slope(A_prev, activation)  # Δ ← (Δ Wᵀ) ⊙ g'(Z): (m, n_in)
    return gradient


def forward(X, theta, layer_sizes, *, activation: str = "tanh") -> tuple[np.ndarray, ...]:
    """The forward pass: every layer's activations for the rows of ``X``.

    .. math:: A^{[0]} = X, \\quad A^{[l]} = g\\bigl(A^{[l-1]} W^{[l]} + \\mathbf{1} b^{[l]\\top}\\bigr), \\quad
              A^{[L]} = p = \\sigma\\bigl(A^{[L-1]} W^{[L]} + \\mathbf{1} b^{[L]\\top}\\bigr)

    Parameters
    ----------
    X : array-like of shape (m, n_0)
        Inputs, one row per point.
    theta : array-like of shape (n_params,)
        Parameters, laid out as :func:`unpack` reads them.
    layer_sizes : sequence of int
        Neurons per layer ``[n_0, n_1, …, 1]``.
    activation : {"tanh", "relu"}, default="tanh"
        The hidden layers' activation ``g``.

    Returns
    -------
    tuple of ndarray
        ``(A⁰, A¹, …, Aᴸ)``: ``Aˡ`` has shape (m, n_l); the last is ``p`` of shape (m, 1).
    """
    X, sizes = _check_inputs(X, layer_sizes)
    activation = check_choice(activation, "activation", ACTIVATIONS)
    theta = _check_theta(theta, sizes)
    with np.errstate(all="ignore"):
        activations, _ = _forward(theta, X, sizes, activation)
    return tuple(check_finite_result(A, "the forward pass", "X and theta") for A in activations)


def predict_proba(X, theta, layer_sizes, *, activation: str = "tanh") -> np.ndarray:
    """The network's probability of class 1 for each row of ``X``: ``p``, shape (m,).

    Arguments as in :func:`forward`.
    """
    return forward(X, theta, layer_sizes, activation=activation)[-1][:, 0]


def log_loss(X, y, theta, layer_sizes, *, activation: str = "tanh") -> float:
    """Mean cross-entropy of the network: ``J(θ) = -(1/m) Σ [y log p + (1 - y) log(1 - p)]``.

    The cost of :func:`descent.logistic.log_loss` with ``p`` from :func:`forward`
    (scikit-learn's ``log_loss``, and ``MLPClassifier``'s loss with ``alpha=0``).

    Parameters
    ----------
    X : array-like of shape (m, n_0)
    y : array-like of shape (m,)
        Class labels 0 and 1.
    theta, layer_sizes, activation
        As in :func:`forward`.

    Returns
    -------
    float
    """
    X, y, theta, sizes, activation = _check_problem(X, y, theta, layer_sizes, activation)
    with np.errstate(all="ignore"):
        loss = _log_loss(theta, X, y, sizes, activation)
    return check_finite_result(loss, "the log loss", "X and theta")


def backward(X, y, theta, layer_sizes, *, activation: str = "tanh") -> np.ndarray:
    """Backpropagation: the gradient of :func:`log_loss` with respect to ``theta``.

    From the output back, with ``Δˡ = ∂J/∂Zˡ`` (m, n_l):

    .. math::

        \\Delta^{[L]} = \\tfrac{1}{m}(p - y), \\quad
        \\frac{\\partial J}{\\partial W^{[l]}} = A^{[l-1]\\top} \\Delta^{[l]}, \\quad
        \\frac{\\partial J}{\\partial b^{[l]}} = \\Delta^{[l]\\top} \\mathbf{1}, \\quad
        \\Delta^{[l-1]} = \\bigl(\\Delta^{[l]} W^{[l]\\top}\\bigr) \\odot g'\\bigl(Z^{[l-1]}\\bigr),

    where ``g'(Z) = 1 - A²`` for tanh and ``[Z > 0]`` for ReLU (taken as 0 at 0).
    Arguments as in :func:`log_loss`.

    Returns
    -------
    ndarray of shape (n_params,)
        Laid out as ``theta`` (:func:`unpack` reads it into the layers' gradients).
    """
    X, y, theta, sizes, activation = _check_problem(X, y, theta, layer_sizes, activation)
    with np.errstate(all="ignore"):
        gradient = _backward(theta, X, y, sizes, activation)
    return check_finite_result(gradient, "the gradient", "X and theta")


def numerical_gradient(cost: Callable, theta, *, h: float = 1e-6) -> np.ndarray:
    """Central differences: ``(J(θ + h eᵢ) - J(θ - h eᵢ)) / (2h)`` for every coordinate ``i``.

    The check of a gradient derived by hand: its error is of order ``h²``
    (plus rounding of order ``ε J / h``), so ``h = 1e-6`` gives some 8 to 10
    correct digits.

    Parameters
    ----------
    cost : callable
        ``cost(theta)``, a number.
    theta : array-like of shape (n,)
        Where to differentiate.
    h : float, default=1e-6
        The step (positive).

    Returns
    -------
    ndarray of shape (n,)
    """
    if not callable(cost):
        raise TypeError(f"cost must be callable, got {type(cost).__name__}")
    theta = as_vector(theta, "theta")
    h = check_positive(h, "h")
    gradient = np.empty_like(theta)
    with np.errstate(all="ignore"):
        for i in range(theta.size):
            step = np.zeros_like(theta)
            step[i] = h
            up, down = float(cost(theta + step)), float(cost(theta - step))
            gradient[i] = (up - down) / (2 * h)
    return check_finite_result(gradient, "the numerical gradient", "cost(theta ± h) with this theta and h")


def network_gd(X, y, layer_sizes, *, activation: str = "tanh", theta0=None, rule="plain", learning_rate=0.1,
               max_iter: int = 100, batch_size: int | None = None, shuffle: bool = True, random_state=None,
               history="epoch", tol: float | None = None, n_iter_no_change: int = 5) -> Descent:
    """Train the network by gradient descent: :func:`descent.optimizers.descend` with :func:`backward`.

    .. math:: \\theta \\leftarrow \\theta - \\text{step}\\bigl(\\nabla J_B(\\theta), \\alpha\\bigr)

    on mini-batches ``B`` of the rows, ``∇J_B`` by backpropagation and the
    step by the book's step rule (plain, momentum, Adam, ...).

    Parameters
    ----------
    X : array-like of shape (m, n_0)
    y : array-like of shape (m,)
        Class labels 0 and 1.
    layer_sizes : sequence of int
        Neurons per layer ``[n_0, n_1, …, 1]``.
    activation : {"tanh", "relu"}, default="tanh"
    theta0 : array-like of shape (n_params,), optional
        The start; by default :func:`init_params` with ``random_state``.
    rule, learning_rate, max_iter, batch_size, shuffle, random_state, tol, n_iter_no_change
        As in :func:`descent.optimizers.descend` (``max_iter`` counts epochs);
        ``random_state`` seeds the initial parameters (when drawn) and then the shuffling.
    history : {"step", "epoch"}, default="epoch"
        Record ``theta`` after every update or, by default, after every epoch.

    Returns
    -------
    Descent
        ``path[k]`` holds the parameters after ``k`` epochs (``history="epoch"``),
        ``cost_per_epoch`` the log loss on all of ``X``.
    """
    X, sizes = _check_inputs(X, layer_sizes)
    X, y = check_design(X, y)
    y = check_labels(y, "y")
    activation = check_choice(activation, "activation", ACTIVATIONS)
    rng = check_random_state(random_state)
    theta0 = init_params(sizes, rng) if theta0 is None else _check_theta(theta0, sizes, "theta0")
    with np.errstate(all="ignore"):
        check_finite_result(_log_loss(theta0, X, y, sizes, activation), "the log loss at theta0", "X and theta0")

    def gradient(theta, X_batch, y_batch):
        return _backward(theta, X_batch, y_batch, sizes, activation)

    def cost(theta):
        return _log_loss(theta, X, y, sizes, activation)

    return descend(gradient, theta0, data=(X, y), cost=cost, rule=rule, learning_rate=learning_rate,
                   max_iter=max_iter, batch_size=batch_size, shuffle=shuffle, random_state=rng, history=history,
                   tol=tol, n_iter_no_change=n_iter_no_change)
