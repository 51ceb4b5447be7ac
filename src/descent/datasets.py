"""The two data sets of the book: the classroom's synthetic line and the BMI
column of scikit-learn's bundled diabetes data (no download needed)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import check_count


class LinearData(NamedTuple):
    """Synthetic regression data and the initial parameters drawn after it."""

    X: np.ndarray
    """Features, shape (m, 1), uniform on [0, 2)."""
    y: np.ndarray
    """Targets ``4 + 3 x + noise``, shape (m,), standard normal noise."""
    theta0: np.ndarray
    """Initial parameters ``[b, w]``, standard normal, shape (2,)."""


def make_linear_data(n_samples: int = 100, *, random_state: int = 0) -> LinearData:
    """The classroom notebook's data: ``y = 4 + 3x + noise``.

    The draws are made in the notebook's order from the legacy generator that
    ``np.random.seed(random_state)`` seeds: ``X``, then the noise, then the
    initial parameters. With the defaults this reproduces the notebook exactly.

    Examples
    --------
    >>> X, y, theta0 = make_linear_data()
    >>> X.shape, y.shape, theta0.shape
    ((100, 1), (100,), (2,))
    """
    n_samples = check_count(n_samples, "n_samples")
    rng = np.random.RandomState(check_count(random_state, "random_state", minimum=0, maximum=2**32 - 1))
    X = 2 * rng.rand(n_samples, 1)
    y = 4 + 3 * X[:, 0] + rng.randn(n_samples)
    theta0 = rng.randn(2)
    return LinearData(X, y, theta0)


def load_diabetes_bmi() -> tuple[np.ndarray, np.ndarray]:
    """Body-mass index and disease progression of 442 diabetes patients.

    Returns
    -------
    x : ndarray of shape (442,)
        The BMI column of ``sklearn.datasets.load_diabetes()``, centred and
        scaled by scikit-learn (values roughly between -0.09 and 0.17).
    y : ndarray of shape (442,)
        A measure of disease progression one year later (25 to 346).
    """
    from sklearn.datasets import load_diabetes  # here, not at the top: ``import descent`` stays free of scikit-learn

    data = load_diabetes()
    return data.data[:, 2].copy(), data.target.astype(float)
