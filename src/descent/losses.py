"""The cost of a linear model: mean squared error with the 1/(2m) convention.

.. math::

    J(\\theta) = \\frac{1}{2m} \\sum_{i=1}^{m} (x_i^\\top \\theta - y_i)^2
              = \\frac{1}{2m} \\lVert X\\theta - y \\rVert^2,
    \\qquad
    \\nabla J(\\theta) = \\frac{1}{m} X^\\top (X\\theta - y).

The factor 1/2 cancels the 2 that differentiation brings down, so the gradient
is the plain average of ``error * x``. (The classroom notebook wrote
``(1/2*m)``, which Python reads as ``(1/2)*m = m/2``: the same minimum, but a
cost m² = 10 000 times too large for m = 100.)
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_design, check_finite_result, check_theta


def mse_cost(X, y, theta) -> float:
    """Mean squared error cost ``J(theta) = ||X theta - y||^2 / (2 m)``.

    Parameters
    ----------
    X : array-like of shape (m, n)
        Design matrix; include a column of ones for an intercept
        (see :func:`descent.models.add_intercept`).
    y : array-like of shape (m,)
        Targets.
    theta : array-like of shape (n,)
        Parameters.

    Returns
    -------
    float

    Raises
    ------
    ValueError, TypeError
        For malformed input (the message names the argument), and when the
        cost overflows floating point (values too large to square).
    """
    X, y = check_design(X, y)
    theta = check_theta(theta, X.shape[1])
    with np.errstate(all="ignore"):
        residual = X @ theta - y
        cost = float(residual @ residual / (2 * len(y)))
    return check_finite_result(cost, "the cost", "X, y and theta")


def mse_gradient(X, y, theta) -> np.ndarray:
    """Gradient of :func:`mse_cost`: ``X.T @ (X theta - y) / m``, shape (n,)."""
    X, y = check_design(X, y)
    theta = check_theta(theta, X.shape[1])
    with np.errstate(all="ignore"):
        gradient = X.T @ (X @ theta - y) / len(y)
    return check_finite_result(gradient, "the gradient", "X, y and theta")


def mse_cost_grid(x, y, intercepts, slopes) -> np.ndarray:
    """Cost of the line ``b + w x`` for every pair on a grid, for surface plots.

    Parameters
    ----------
    x, y : array-like of shape (m,)
        One feature and its targets.
    intercepts : array-like of shape (p,)
        Values of the intercept ``b``.
    slopes : array-like of shape (q,)
        Values of the slope ``w``.

    Returns
    -------
    ndarray of shape (q, p)
        ``J[i, j]`` is the cost at ``w = slopes[i]`` and ``b = intercepts[j]``,
        the layout of ``np.meshgrid(intercepts, slopes)``.
    """
    x = as_float_array(x, "x", ndim=(1,))
    y = as_float_array(y, "y", ndim=(1,))
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    b = as_float_array(intercepts, "intercepts", ndim=(1,))
    w = as_float_array(slopes, "slopes", ndim=(1,))
    # residual[i, j, k] = b_j + w_i x_k - y_k, reduced over the samples k.
    with np.errstate(all="ignore"):
        residual = b[None, :, None] + w[:, None, None] * x[None, None, :] - y[None, None, :]
        grid = np.mean(residual**2, axis=-1) / 2
    return check_finite_result(grid, "the cost grid", "x, y, intercepts and slopes")
