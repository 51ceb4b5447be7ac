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
from .optimizers import DescentPath, gradient_descent


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
        z = X @ theta
        # -[y log p + (1 - y) log(1 - p)] = log(1 + e^z) - y z, computed stably.
        loss = float(np.mean(np.logaddexp(0.0, z) - y * z))
    return check_finite_result(loss, "the log loss", "X and theta")


def _gradient(X: np.ndarray, y: np.ndarray, theta: np.ndarray) -> np.ndarray:
    return X.T @ (_sigmoid(X @ theta) - y) / len(y)


def log_loss_gradient(X, y, theta) -> np.ndarray:
    """Gradient of :func:`log_loss`: ``X.T @ (sigmoid(X theta) - y) / m``, shape (n,)."""
    X, y = _check_labels(X, y)
    theta = check_theta(theta, X.shape[1])
    # X theta may overflow to +-inf, where the sigmoid is exactly 1 or 0: the gradient is
    # still right. Only a gradient that overflows itself is an error.
    with np.errstate(all="ignore"):
        gradient = _gradient(X, y, theta)
    return check_finite_result(gradient, "the gradient", "X and theta")


def logistic_regression_gd(X, y, theta0=None, *, learning_rate: float = 0.1, n_steps: int = 1000) -> DescentPath:
    """Fit a logistic regression by batch gradient descent on :func:`log_loss`.

    .. math:: \\theta \\leftarrow \\theta - \\alpha \\, \\frac{1}{m} X^\\top \\bigl(\\sigma(X\\theta) - y\\bigr)

    Parameters
    ----------
    X : array-like of shape (m, n)
        Design matrix; include a column of ones for an intercept.
    y : array-like of shape (m,)
        Class labels, 0 or 1.
    theta0 : array-like of shape (n,), optional
        Initial parameters; zeros by default.
    learning_rate : float, default=0.1
        Step size ``alpha > 0``.
    n_steps : int, default=1000
        Number of updates.

    Returns
    -------
    DescentPath
        ``path[k]`` holds the parameters after ``k`` updates.
    """
    X, y = _check_labels(X, y)
    theta0 = np.zeros(X.shape[1]) if theta0 is None else check_theta(theta0, X.shape[1], "theta0")
    # The data are validated once here; the loop then only computes.
    return gradient_descent(lambda theta: _gradient(X, y, theta), theta0, learning_rate, n_steps)
