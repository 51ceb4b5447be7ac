"""Logistic regression: the same gradient descent on another differentiable cost.

A linear score :math:`z = x^\\top \\theta` becomes a probability through the
sigmoid, and the cost is the mean cross-entropy (log loss),

.. math::

    p = \\sigma(X\\theta) = \\frac{1}{1 + e^{-X\\theta}}, \\qquad
    J(\\theta) = -\\frac{1}{m} \\sum_{i=1}^{m}
        \\bigl[ y_i \\log p_i + (1 - y_i) \\log (1 - p_i) \\bigr], \\qquad
    \\nabla J(\\theta) = \\frac{1}{m} X^\\top (p - y).

Unlike the mean squared error of linear regression, this cost has no
closed-form minimizer: an iterative method such as gradient descent is needed.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_design, check_finite_result, check_labels, check_theta
from .optimizers import Descent, descend


def sigmoid(z):
    """The logistic function ``1 / (1 + exp(-z))``, without overflow for large ``|z|``.

    ``z`` is a finite number or array of any shape; the result has its shape.
    """
    return _sigmoid(as_float_array(z, "z", ndim=None))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # tanh form: exact identity, and tanh saturates instead of overflowing.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _check_labels(X, y) -> tuple[np.ndarray, np.ndarray]:
    X, y = check_design(X, y)
    return X, check_labels(y, "y")


def log_loss(X, y, theta) -> float:
    """Mean cross-entropy ``J(theta)`` of a logistic model with labels 0/1.

    Parameters
    ----------
    X : array-like of shape (m, n)
        Design matrix; include a column of ones for an intercept.
    y : array-like of shape (m,)
        Class labels, 0 or 1.
    theta : array-like of shape (n,)
        Parameters.

    Returns
    -------
    float
    """
    X, y = _check_labels(X, y)
    theta = check_theta(theta, X.shape[1])
    with np.errstate(all="ignore"):
        loss = _log_loss(theta, X, y)
    return check_finite_result(loss, "the log loss", "X and theta")


def _log_loss(theta: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """:func:`log_loss` on checked arrays."""
    z = X @ theta
    # -[y log p + (1 - y) log(1 - p)] = log(1 + e^z) - y z, computed stably.
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def _gradient(theta: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """:func:`log_loss_gradient` on checked arrays (a batch of rows): ``X^T (sigmoid(X theta) - y) / m``."""
    return X.T @ (_sigmoid(X @ theta) - y) / len(y)


def log_loss_gradient(X, y, theta) -> np.ndarray:
    """Gradient of :func:`log_loss`: ``X.T @ (sigmoid(X theta) - y) / m``, shape (n,)."""
    X, y = _check_labels(X, y)
    theta = check_theta(theta, X.shape[1])
    # X theta may overflow to +-inf, where the sigmoid is exactly 1 or 0: the gradient is
    # still right. Only a gradient that overflows itself is an error.
    with np.errstate(all="ignore"):
        gradient = _gradient(theta, X, y)
    return check_finite_result(gradient, "the gradient", "X and theta")


def logistic_regression_gd(X, y, theta0=None, *, rule="plain", learning_rate=0.1, max_iter: int = 1000,
                           batch_size: int | None = None, shuffle: bool = True, random_state=None,
                           history="step", tol: float | None = None, n_iter_no_change: int = 5) -> Descent:
    """Fit a logistic regression by gradient descent on :func:`log_loss`.

    .. math:: \\theta \\leftarrow \\theta - \\alpha \\, \\frac{1}{|B|} X_B^\\top \\bigl(\\sigma(X_B\\theta) - y_B\\bigr)

    (with the plain rule): :func:`descent.optimizers.descend` with the
    gradient :func:`log_loss_gradient` and the cost :func:`log_loss`.

    Parameters
    ----------
    X : array-like of shape (m, n)
        Design matrix; include a column of ones for an intercept.
    y : array-like of shape (m,)
        Class labels, 0 or 1.
    theta0 : array-like of shape (n,), optional
        Initial parameters; zeros by default.
    rule, learning_rate, max_iter, batch_size, shuffle, random_state, history, tol, n_iter_no_change
        As in :func:`descent.optimizers.descend` (``max_iter`` counts epochs;
        with every row in each batch, an epoch is one update).

    Returns
    -------
    Descent
        ``path[k]`` holds the parameters after ``k`` updates, ``costs[k]`` the log loss there.
    """
    X, y = _check_labels(X, y)
    theta0 = np.zeros(X.shape[1]) if theta0 is None else check_theta(theta0, X.shape[1], "theta0")
    return descend(_gradient, theta0, data=(X, y), cost=lambda theta: _log_loss(theta, X, y), rule=rule,
                   learning_rate=learning_rate, max_iter=max_iter, batch_size=batch_size, shuffle=shuffle,
                   random_state=random_state, history=history, tol=tol, n_iter_no_change=n_iter_no_change)
