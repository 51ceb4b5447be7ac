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

from ._validation import as_float_array, check_design, check_finite_result, check_same_length, check_theta


def _mse_cost(theta: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """:func:`mse_cost` on checked arrays: the cost the descent loop watches."""
    residual = X @ theta - y
    return float(residual @ residual) / (2 * len(y))


def _mse_gradient(theta: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """:func:`mse_gradient` on checked arrays (a batch of rows): eq. ``X^T (X theta - y) / m``."""
    return X.T @ (X @ theta - y) / len(y)


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
        cost = _mse_cost(theta, X, y)
    return check_finite_result(cost, "the cost", "X, y and theta")


def mse_gradient(X, y, theta) -> np.ndarray:
    """Gradient of :func:`mse_cost`: ``X.T @ (X theta - y) / m``, shape (n,)."""
    X, y = check_design(X, y)
    theta = check_theta(theta, X.shape[1])
    with np.errstate(all="ignore"):
        gradient = _mse_gradient(theta, X, y)
    return check_finite_result(gradient, "the gradient", "X, y and theta")


def mse_cost_grid(x, y, intercepts, slopes) -> np.ndarray:
    """Cost of the line ``b + w x`` for every pair on a grid, for surface plots.

    The cost is computed from the moments of the data, not sample by sample,
    so memory grows with the grid only (not with grid x samples). With the
    means :math:`\\bar x, \\bar y` and the centred moments
    :math:`S_{xx} = \\overline{(x - \\bar x)^2}`,
    :math:`S_{xy} = \\overline{(x - \\bar x)(y - \\bar y)}`,
    :math:`S_{yy} = \\overline{(y - \\bar y)^2}`,

    .. math::

        J(b, w) = \\frac{1}{2m} \\sum_{i=1}^{m} (b + w x_i - y_i)^2
                = \\frac{1}{2} \\bigl[ (b + w \\bar x - \\bar y)^2
                  + w^2 S_{xx} - 2 w S_{xy} + S_{yy} \\bigr].

    Centring first keeps the digits that raw sums such as
    :math:`\\sum y_i^2` would lose when the data sit far from zero.

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
    check_same_length(x, y, "x", "y")
    b = as_float_array(intercepts, "intercepts", ndim=(1,))
    w = as_float_array(slopes, "slopes", ndim=(1,))[:, None]
    with np.errstate(all="ignore"):
        x_mean, y_mean = np.mean(x), np.mean(y)
        u, v = x - x_mean, y - y_mean
        sxx, sxy, syy = np.mean(u * u), np.mean(u * v), np.mean(v * v)
        offset = b[None, :] + w * x_mean - y_mean  # the mean residual, shape (q, p)
        grid = 0.5 * (offset**2 + (w * w * sxx - 2 * w * sxy + syy))
    # Rounding must not make a mean of squares negative.
    return np.maximum(check_finite_result(grid, "the cost grid", "x, y, intercepts and slopes"), 0.0)
