"""The data sets of the book: the classroom's synthetic line, the BMI column of
scikit-learn's bundled diabetes data (no download needed) and the four
classification sets of TensorFlow Playground."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import check_choice, check_count, check_positive, check_random_state


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


#: The classification data sets of TensorFlow Playground, by the names of its ``dataset=`` setting.
PLAYGROUND_KINDS = ("circle", "xor", "gauss", "spiral")


def make_playground(kind: str, n_samples: int = 200, *, noise: float = 0.0,
                    random_state=0) -> tuple[np.ndarray, np.ndarray]:
    """Points of a TensorFlow Playground classification data set.

    The generators of the Playground's ``dataset.ts``, drawn with numpy: the
    points lie in the square ``[-6, 6]²`` and the Playground's labels +1 and
    -1 become 1 and 0.

    - ``"circle"``: half the points at a radius below 2.5 (class 1), half at a
      radius between 3.5 and 5 (class 0); the label is read at the point moved
      by a uniform noise of ``±5 · noise`` in each coordinate.
    - ``"xor"``: uniform points of ``[-5, 5]²`` pushed 0.3 away from the axes;
      class 1 where ``x₁ x₂ ≥ 0`` (read at the noisy point, as for the circle).
    - ``"gauss"``: two normal clouds around (2, 2) (class 1) and (-2, -2)
      (class 0), of variance ``0.5 + 7 · noise`` in each coordinate.
    - ``"spiral"``: two arms ``r = 5 i / n``, ``t = 3.5 π i / n`` (+π for class 0)
      with a uniform noise of ``±noise`` in each coordinate.

    Parameters
    ----------
    kind : {"circle", "xor", "gauss", "spiral"}
        The Playground's ``dataset=`` name.
    n_samples : int, default=200
        Number of points, at least 2 (an odd count gives class 1 the extra point).
    noise : float, default=0.0
        The Playground's noise slider divided by 100: 0 to 0.5.
    random_state : int, numpy Generator or None, default=0
        Seed of the draws.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        The points ``(x₁, x₂)``.
    y : ndarray of shape (n_samples,)
        Class labels 0.0 and 1.0.

    Examples
    --------
    >>> X, y = make_playground("xor", 100, random_state=1)
    >>> X.shape, sorted(set(y.tolist()))
    ((100, 2), [0.0, 1.0])
    """
    kind = check_choice(kind, "kind", PLAYGROUND_KINDS)
    n_samples = check_count(n_samples, "n_samples", minimum=2)
    noise = check_positive(noise, "noise", allow_zero=True)
    if noise > 0.5:
        raise ValueError(f"noise must be at most 0.5 (the Playground's slider at 50), got {noise!r}")
    rng = check_random_state(random_state)
    n_pos = (n_samples + 1) // 2
    n_neg = n_samples - n_pos
    if kind == "circle":
        radius = 5.0
        r = np.concatenate([rng.uniform(0, 0.5 * radius, n_pos), rng.uniform(0.7 * radius, radius, n_neg)])
        angle = rng.uniform(0, 2 * np.pi, n_samples)
        X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
        shifted = X + rng.uniform(-radius, radius, (n_samples, 2)) * noise
        y = (np.hypot(shifted[:, 0], shifted[:, 1]) < 0.5 * radius).astype(float)
    elif kind == "xor":
        X = rng.uniform(-5, 5, (n_samples, 2))
        X += np.where(X > 0, 0.3, -0.3)  # the Playground's padding away from the axes
        shifted = X + rng.uniform(-5, 5, (n_samples, 2)) * noise
        y = (shifted[:, 0] * shifted[:, 1] >= 0).astype(float)
    elif kind == "gauss":
        std = np.sqrt(0.5 + 7 * noise)  # the Playground maps noise 0..0.5 to variance 0.5..4
        X = np.concatenate([rng.normal(2, std, (n_pos, 2)), rng.normal(-2, std, (n_neg, 2))])
        y = np.r_[np.ones(n_pos), np.zeros(n_neg)]
    else:  # spiral
        def arm(n, turn):
            i = np.arange(n)
            r, t = 5 * i / n, 1.75 * 2 * np.pi * i / n + turn
            return np.column_stack([r * np.sin(t), r * np.cos(t)]) + rng.uniform(-1, 1, (n, 2)) * noise

        X = np.concatenate([arm(n_pos, 0.0), arm(n_neg, np.pi)])
        y = np.r_[np.ones(n_pos), np.zeros(n_neg)]
    return X, y
