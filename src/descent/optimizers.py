"""Gradient descent: a generic loop for plain functions, and the batch /
mini-batch / stochastic loop for linear regression.

Both follow one update rule,

.. math::

    \\theta_{k+1} = \\theta_k - \\alpha \\, \\nabla J(\\theta_k),

and both return what happened (the path, the costs) instead of printing it.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Callable, Literal

import numpy as np

from ._validation import (
    as_float_array,
    check_bool,
    check_choice,
    check_count,
    check_design,
    check_finite_result,
    check_learning_rate,
    check_positive,
    check_random_state,
    check_theta,
    to_float_array,
)

#: A run counts as divergent once its cost (or, for :func:`gradient_descent`,
#: its distance from the start) grows past this factor of where it began.
EXPLOSION_FACTOR = 1e12


class DivergenceWarning(RuntimeWarning):
    """Gradient descent blew up: the learning rate is too large for this problem."""


def _exploded(value: float, start: float) -> bool:
    return not math.isfinite(value) or value > EXPLOSION_FACTOR * (1.0 + start)


def _warn_divergence(step: int, what: str) -> None:
    warnings.warn(
        f"gradient descent diverged at step {step}: {what}; try a smaller learning_rate",
        DivergenceWarning,
        stacklevel=3,
    )


@dataclass(frozen=True)
class DescentPath:
    """The iterates of :func:`gradient_descent`.

    Attributes
    ----------
    path : ndarray of shape (k + 1,) or (k + 1, n)
        ``path[0]`` is the start, ``path[i]`` the point after ``i`` steps.
    diverged_at : int or None
        The step whose result blew up (it is not in ``path``), or ``None``.
    """

    path: np.ndarray
    diverged_at: int | None = None

    @property
    def x(self) -> np.ndarray | float:
        """The last point reached."""
        last = self.path[-1]
        return float(last) if np.ndim(last) == 0 else last


def gradient_descent(grad: Callable, x0, learning_rate: float, n_steps: int) -> DescentPath:
    """Minimize a function from its gradient with a fixed learning rate.

    .. math:: x_{k+1} = x_k - \\alpha \\, \\nabla f(x_k)

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient of the function at ``x``, with the
        shape of ``x``.
    x0 : float or array-like of shape (n,)
        Starting point.
    learning_rate : float
        The step size ``alpha > 0``.
    n_steps : int
        Number of updates.

    Returns
    -------
    DescentPath
        ``path`` holds the start and every iterate. If an iterate becomes
        non-finite or runs off (a coordinate moves more than
        ``EXPLOSION_FACTOR`` times ``1 + max|x0|`` from the start), the run
        stops there, a :class:`DivergenceWarning` is emitted, and
        ``diverged_at`` names the step.

    Raises
    ------
    ValueError, TypeError
        For bad arguments, and when ``grad(x)`` returns something that is not
        numbers shaped like ``x0`` (the message names ``grad``).

    Examples
    --------
    >>> run = gradient_descent(lambda x: 2 * x, 1.0, learning_rate=0.25, n_steps=3)
    >>> run.path.tolist()
    [1.0, 0.5, 0.25, 0.125]
    """
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {type(grad).__name__}")
    x = as_float_array(x0, "x0", ndim=(0, 1))
    alpha = check_learning_rate(learning_rate)
    n_steps = check_count(n_steps, "n_steps")

    # Largest coordinate, not the Euclidean norm: it cannot overflow for finite points.
    scale = float(np.max(np.abs(x)))
    path = [x]
    for step in range(1, n_steps + 1):
        # An overflow or 0/0 in grad or in the step is a divergence, reported below,
        # not a numpy RuntimeWarning.
        with np.errstate(all="ignore"):
            g = to_float_array(grad(x), "grad(x)")
            if g.shape != x.shape:
                raise ValueError(f"grad(x) must have the shape of x0 {x.shape}, got {g.shape}")
            x = x - alpha * g
            distance = float(np.max(np.abs(x - path[0])))
        if _exploded(distance, scale):
            _warn_divergence(step, f"the iterate ran off to {x}")
            return DescentPath(np.array(path), diverged_at=step)
        path.append(x)
    return DescentPath(np.array(path))


@dataclass(frozen=True)
class LinearDescentResult:
    """What :func:`linear_regression_gd` did.

    Attributes
    ----------
    theta : ndarray of shape (n,)
        Final parameters.
    path : ndarray of shape (k, n)
        Parameters at every recorded point, starting with ``theta0``.
    costs : ndarray of shape (k,)
        Full-data cost :math:`J` at every recorded point.
    cost_per_epoch : ndarray of shape (n_epochs + 1,)
        Full-data cost at the start and after each epoch.
    n_updates : int
        Parameter updates made (one per mini-batch).
    updates_per_epoch : int
        ``ceil(m / batch_size)``.
    batch_size : int
        Samples per gradient: ``m`` for batch, 1 for stochastic gradient descent.
    diverged_at : int or None
        Update number at which the cost blew up, or ``None``.
    converged : bool
        ``True`` when the ``tol`` criterion ended the run before ``n_epochs``
        (always ``False`` without ``tol``).
    """

    theta: np.ndarray
    path: np.ndarray
    costs: np.ndarray
    cost_per_epoch: np.ndarray
    n_updates: int
    updates_per_epoch: int
    batch_size: int
    diverged_at: int | None = None
    converged: bool = False

    @property
    def cost(self) -> float:
        """Final full-data cost."""
        return float(self.costs[-1])

    @property
    def n_epochs(self) -> int:
        """Epochs completed: fewer than asked when the run stopped early or diverged."""
        return len(self.cost_per_epoch) - 1


def linear_regression_gd(
    X,
    y,
    theta0=None,
    *,
    learning_rate: float = 0.1,
    n_epochs: int = 100,
    batch_size: int | None = None,
    shuffle: bool = True,
    random_state=None,
    history: Literal["step", "epoch"] = "step",
    tol: float | None = None,
    n_iter_no_change: int = 5,
) -> LinearDescentResult:
    """Fit linear-regression parameters by batch, mini-batch or stochastic GD.

    Each update uses the gradient of the mean squared error on one batch
    :math:`B` of the rows,

    .. math::

        \\theta \\leftarrow \\theta - \\alpha \\, \\frac{1}{|B|}
        X_B^\\top (X_B \\theta - y_B),

    and an epoch passes once over all ``m`` rows in ``ceil(m / batch_size)``
    updates. ``batch_size=None`` (or ``m``) is batch gradient descent: one
    update per epoch, on all rows in their order; ``batch_size=1`` is
    stochastic gradient descent; anything between is mini-batch.

    Parameters
    ----------
    X : array-like of shape (m, n)
        Design matrix (add a column of ones for an intercept).
    y : array-like of shape (m,)
        Targets.
    theta0 : array-like of shape (n,), optional
        Initial parameters; zeros by default.
    learning_rate : float, default=0.1
        Step size ``alpha > 0``.
    n_epochs : int, default=100
        Passes over the data (at most: see ``tol``).
    batch_size : int, optional
        Rows per update, between 1 and ``m``; ``None`` means ``m``.
    shuffle : bool, default=True
        Visit the rows in a new random order each epoch (mini-batch and
        stochastic only; batch GD always uses every row).
    random_state : int, numpy Generator or None
        Seed of the shuffling.
    history : {"step", "epoch"}, default="step"
        Record parameters and full-data cost after every update, or only after
        every epoch (cheaper when there are many updates).
    tol : float or None, default=None
        Early stopping, as in scikit-learn's ``SGDRegressor``: the run ends
        once the full-data cost at the end of an epoch has failed to go below
        ``best - tol`` (``best`` being the lowest end-of-epoch cost so far,
        the starting cost included) ``n_iter_no_change`` epochs in a row.
        ``None`` runs all ``n_epochs``.
    n_iter_no_change : int, default=5
        Epochs without improvement before stopping (with ``tol``).

    Returns
    -------
    LinearDescentResult
        Stops early, with a :class:`DivergenceWarning` and ``diverged_at`` set,
        at the first update whose full-data cost is non-finite or grows past
        ``EXPLOSION_FACTOR`` times its starting value. With
        ``history="epoch"`` the cost is computed once per epoch, and an epoch
        that blew up is searched for the update where it happened, so
        ``diverged_at`` is the same as with ``history="step"``.

    Raises
    ------
    ValueError, TypeError
        For bad arguments (each message names the argument), and when the
        cost at ``theta0`` already overflows (data too large to square).
    """
    X, y = check_design(X, y)
    m, n = X.shape
    theta = np.zeros(n) if theta0 is None else check_theta(theta0, n, "theta0")
    alpha = check_learning_rate(learning_rate)
    n_epochs = check_count(n_epochs, "n_epochs")
    batch_size = m if batch_size is None else check_count(batch_size, "batch_size")
    if batch_size > m:
        raise ValueError(f"batch_size must be at most the number of rows of X ({m}), got {batch_size}")
    shuffle = check_bool(shuffle, "shuffle")
    rng = check_random_state(random_state)
    per_step = check_choice(history, "history", ("step", "epoch")) == "step"
    if tol is not None:
        tol = check_positive(tol, "tol", allow_zero=True)
    n_iter_no_change = check_count(n_iter_no_change, "n_iter_no_change")
    updates_per_epoch = math.ceil(m / batch_size)

    # Full-data products run on a column-major copy: for a tall, narrow X both
    # X @ theta and X.T @ residual then stream down contiguous columns, much
    # faster than across rows (measured in benchmarks/README.md), and scipy's
    # BLAS (in _batch_gd) takes it as it is, where it would copy a row-major X
    # at every call.
    X_columns = np.asfortranarray(X)
    residual = np.empty(m)

    def cost_at(theta: np.ndarray) -> float:
        """Full-data cost; leaves X theta - y in ``residual`` (in place: no new array a step)."""
        np.matmul(X_columns, theta, out=residual)
        np.subtract(residual, y, out=residual)
        return float(residual @ residual) / (2 * m)

    # An overflow is a divergence, reported below, not a numpy RuntimeWarning.
    with np.errstate(all="ignore"):
        start = check_finite_result(cost_at(theta), "the cost at theta0", "X, y and theta0")
        stop = None if tol is None else _EarlyStop(start, tol, n_iter_no_change)
        if batch_size == m:
            return _batch_gd(X_columns, residual, theta, start, alpha, n_epochs, stop)
        path, costs, epoch_costs = [theta], [start], [start]
        update = 0
        for _ in range(n_epochs):
            # Permute once per epoch, then slice: cheaper than fancy-indexing each batch.
            order = rng.permutation(m) if shuffle else slice(None)
            Xe, ye = X[order], y[order]
            iterates = []  # history="epoch": this epoch's parameters, to locate a divergence
            for lo in range(0, m, batch_size):
                Xb, yb = Xe[lo : lo + batch_size], ye[lo : lo + batch_size]
                # Scalars first: one array operation fewer.
                theta = theta - (alpha / len(yb)) * (Xb.T @ (Xb @ theta - yb))
                update += 1
                if per_step:
                    cost = cost_at(theta)
                    if _exploded(cost, start):
                        _warn_divergence(update, f"the cost reached {cost:.3g}")
                        return _result(path, costs, epoch_costs, update - 1, updates_per_epoch, batch_size, update)
                    path.append(theta)
                    costs.append(cost)
                else:
                    iterates.append(theta)
            if iterates:
                cost = cost_at(theta)
                if _exploded(cost, start):  # find the update inside this epoch where it happened
                    step_costs = (cost_at(it) for it in iterates)
                    at, cost = next(
                        (update - len(iterates) + k, c) for k, c in enumerate(step_costs, 1) if _exploded(c, start)
                    )
                    _warn_divergence(at, f"the cost reached {cost:.3g}")
                    return _result(path, costs, epoch_costs, at - 1, updates_per_epoch, batch_size, at)
            epoch_costs.append(cost)
            if not per_step:
                path.append(theta)
                costs.append(cost)
            if stop is not None and stop(cost):
                return _result(path, costs, epoch_costs, update, updates_per_epoch, batch_size, None, True)
    return _result(path, costs, epoch_costs, update, updates_per_epoch, batch_size, None)


def _batch_gd(X, residual, theta, start, alpha, n_epochs, stop) -> LinearDescentResult:
    """Batch gradient descent, one update an epoch; ``residual`` holds ``X theta - y`` on entry.

    A step :math:`d = -\\frac{\\alpha}{m} X^\\top r` moves the residual to
    :math:`r + X d`, so the loop keeps the residual up to date in place (BLAS
    ``dgemv`` with ``beta = 1``) instead of recomputing ``X theta - y``: a step
    passes over the data as often as its two matrix-vector products must, and
    ``y`` is not read again. The parameters are the running sum of the steps,
    :math:`\\theta_k = \\theta_0 + d_1 + \\dots + d_k`, added up at the end
    (``np.cumsum`` adds in the loop's order, so the path is the same to the
    last bit). Rounding does not pile up in the residual: the recorded costs
    match :func:`~descent.mse_cost` at the recorded parameters
    (``tests/test_optimizers.py``).
    """
    from scipy.linalg.blas import ddot, dgemv  # here, not at the top: importing scipy.linalg takes 0.1 s

    m = X.shape[0]
    scale, steps, costs = -alpha / m, [], [start]

    def result(diverged_at=None, converged=False) -> LinearDescentResult:
        path = np.cumsum([theta, *steps], axis=0)
        return _result(path, costs, costs, len(steps), 1, m, diverged_at, converged)

    for epoch in range(1, n_epochs + 1):
        step = dgemv(scale, X, residual, trans=1)
        residual = dgemv(1.0, X, step, 1.0, residual, overwrite_y=True)
        cost = ddot(residual, residual) / (2 * m)
        if _exploded(cost, start):
            _warn_divergence(epoch, f"the cost reached {cost:.3g}")
            return result(diverged_at=epoch)
        steps.append(step)
        costs.append(cost)
        if stop is not None and stop(cost):
            return result(converged=True)
    return result()


class _EarlyStop:
    """scikit-learn's ``tol`` rule: stop once ``n_iter_no_change`` epochs in a row
    ended above ``best - tol`` (``best``: the lowest end-of-epoch cost so far)."""

    def __init__(self, start: float, tol: float, n_iter_no_change: int):
        self.best, self.tol, self.patience, self.stalled = start, tol, n_iter_no_change, 0

    def __call__(self, cost: float) -> bool:
        """Record an end-of-epoch cost; ``True`` when the run should stop."""
        self.stalled = self.stalled + 1 if cost > self.best - self.tol else 0
        self.best = min(self.best, cost)
        return self.stalled >= self.patience


def _result(path, costs, epoch_costs, n_updates, updates_per_epoch, batch_size, diverged_at, converged=False):
    path = np.asarray(path)
    return LinearDescentResult(
        theta=path[-1],
        path=path,
        costs=np.array(costs),
        cost_per_epoch=np.array(epoch_costs),
        n_updates=n_updates,
        updates_per_epoch=updates_per_epoch,
        batch_size=batch_size,
        diverged_at=diverged_at,
        converged=converged,
    )
