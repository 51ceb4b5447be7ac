"""Linear models: the design matrix, the closed-form solution to compare
against, and predictions. The scikit-learn estimator is in :mod:`descent.estimator`."""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_design, check_finite_result


def add_intercept(X) -> np.ndarray:
    """Prepend a column of ones, so that ``theta[0]`` is the intercept.

    Parameters
    ----------
    X : array-like of shape (m,) or (m, n)
        Features; a 1-D array is one feature.

    Returns
    -------
    ndarray of shape (m, n + 1)
    """
    X = as_float_array(X, "X", ndim=(1, 2))
    if X.ndim == 1:
        X = X[:, None]
    return np.column_stack([np.ones(len(X)), X])


def normal_equation(X, y) -> np.ndarray:
    """Least-squares parameters, the minimum gradient descent is heading for.

    Solves :math:`\\min_\\theta \\lVert X\\theta - y \\rVert^2` (the normal
    equation :math:`X^\\top X \\theta = X^\\top y`) with ``np.linalg.lstsq``,
    which stays accurate when :math:`X^\\top X` is badly conditioned.
    """
    X, y = check_design(X, y)
    with np.errstate(all="ignore"):
        try:
            theta, *_ = np.linalg.lstsq(X, y, rcond=None)
        except np.linalg.LinAlgError:  # the SVD fails only when the data overflow inside it
            theta = np.full(X.shape[1], np.nan)
    return check_finite_result(theta, "the least-squares solution", "X and y")


def predict(X, theta) -> np.ndarray:
    """Predictions ``X @ theta`` of a linear model."""
    X = as_float_array(X, "X", ndim=(2,))
    theta = as_float_array(theta, "theta", ndim=(1,))
    if theta.shape[0] != X.shape[1]:
        raise ValueError(f"theta has {theta.shape[0]} entries but X has {X.shape[1]} columns")
    with np.errstate(all="ignore"):
        predictions = X @ theta
    return check_finite_result(predictions, "the prediction", "X and theta")
