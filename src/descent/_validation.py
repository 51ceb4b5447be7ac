"""Input checks shared by the public functions.

Every public function validates before it computes, so a learner sees a
sentence that names the argument instead of a traceback from inside numpy.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_float_array(value, name: str, *, ndim: tuple[int, ...]) -> np.ndarray:
    """Return ``value`` as a finite float array with one of the allowed ``ndim``."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be array-like of numbers, got {type(value).__name__}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be array-like of numbers: {exc}") from None
    if arr.ndim not in ndim:
        allowed = " or ".join(f"{d}-D" for d in ndim)
        raise ValueError(f"{name} must be {allowed}, got an array of shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinity")
    return arr


def check_design(X, y) -> tuple[np.ndarray, np.ndarray]:
    """Validate a design matrix ``X`` (m, n) and targets ``y`` (m,)."""
    X = as_float_array(X, "X", ndim=(2,))
    y = as_float_array(y, "y", ndim=(1, 2))
    if y.ndim == 2:
        if y.shape[1] != 1:
            raise ValueError(f"y must be 1-D or a single column, got shape {y.shape}")
        y = y[:, 0]
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} values")
    return X, y


def check_theta(theta, n_params: int, name: str = "theta") -> np.ndarray:
    """Validate a parameter vector with ``n_params`` entries (a column is accepted)."""
    theta = as_float_array(theta, name, ndim=(1, 2))
    if theta.ndim == 2:
        if theta.shape[1] != 1:
            raise ValueError(f"{name} must be 1-D or a single column, got shape {theta.shape}")
        theta = theta[:, 0]
    if theta.shape[0] != n_params:
        raise ValueError(f"{name} must have {n_params} entries (one per column of X), got {theta.shape[0]}")
    return theta


def check_learning_rate(learning_rate, name: str = "learning_rate") -> float:
    """A learning rate is a positive, finite real number."""
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(learning_rate).__name__}")
    if not np.isfinite(learning_rate) or learning_rate <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {learning_rate!r}")
    return float(learning_rate)


def check_count(value, name: str, *, minimum: int = 1) -> int:
    """A count of steps, epochs or samples: an integer of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)
