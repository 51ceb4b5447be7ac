"""Input checks shared by the public functions.

Every public function validates before it computes, so a learner sees a
sentence that names the argument instead of a traceback from inside numpy.
Wrong types raise ``TypeError``, wrong values (shape, NaN, range) ``ValueError``.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping

import numpy as np


def to_float_array(value, name: str, *, copy: bool = True) -> np.ndarray:
    """``value`` as a float array of any shape; numbers only (no str, None, complex, objects).

    ``copy=False`` returns a float array given as it is, for inputs that are only read.
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be array-like of numbers, got {type(value).__name__}")
    try:
        raw = np.asarray(value)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers: {exc}") from None
    if raw.dtype.kind not in "biuf" and raw.dtype != object:
        kind = "complex numbers" if raw.dtype.kind == "c" else f"values of type {raw.dtype}"
        raise TypeError(f"{name} must be array-like of real numbers, got {kind}")
    try:
        return raw.astype(float, copy=copy)
    except OverflowError:  # a Python int beyond the float range
        raise ValueError(f"{name} contains a number too large for a float") from None
    except (TypeError, ValueError) as exc:  # objects that are not numbers
        raise TypeError(f"{name} must be array-like of real numbers: {exc}") from None


def as_float_array(value, name: str, *, ndim: tuple[int, ...] | None, copy: bool = True) -> np.ndarray:
    """Return ``value`` as a finite float array with one of the allowed ``ndim`` (``None``: any)."""
    arr = to_float_array(value, name, copy=copy)
    if ndim is not None and arr.ndim not in ndim:
        allowed = " or ".join(f"{d}-D" for d in ndim)
        hint = " (a single feature x becomes a design matrix with add_intercept(x))" if name == "X" else ""
        raise ValueError(f"{name} must be {allowed}, got an array of shape {arr.shape}{hint}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not _all_finite(arr):
        raise ValueError(f"{name} contains NaN or infinity")
    return arr


def _all_finite(arr: np.ndarray) -> bool:
    """No NaN or infinity in ``arr``, in one pass that allocates nothing when so.

    A NaN or an infinity makes the sum NaN or infinite; a finite sum proves
    every entry finite. Only a sum that overflows needs the entry-wise check.
    """
    with np.errstate(all="ignore"):
        return bool(np.isfinite(arr.sum()) or np.isfinite(arr).all())


def check_design(X, y) -> tuple[np.ndarray, np.ndarray]:
    """Validate a design matrix ``X`` (m, n) and targets ``y`` (m,).

    Float arrays are not copied: the functions that take a design only read
    it, and a copy of a large ``X`` costs as much as a gradient step.
    """
    X = as_float_array(X, "X", ndim=(2,), copy=False)
    y = as_vector(y, "y", copy=False)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} values")
    return X, y


def as_vector(value, name: str, *, copy: bool = True) -> np.ndarray:
    """A finite 1-D float array; a single column (such as ``X`` of one feature) is accepted."""
    arr = as_float_array(value, name, ndim=(1, 2), copy=copy)
    if arr.ndim == 2:
        if arr.shape[1] != 1:
            raise ValueError(f"{name} must be 1-D or a single column, got shape {arr.shape}")
        arr = arr[:, 0]
    return arr


def check_same_length(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Two vectors that pair up entry by entry."""
    if a.shape[0] != b.shape[0]:
        raise ValueError(f"{name_a} and {name_b} must have the same length, got {a.shape[0]} and {b.shape[0]}")


def check_theta(theta, n_params: int, name: str = "theta", *, entries: str = "one per column of X") -> np.ndarray:
    """Validate a parameter vector with ``n_params`` entries (a column is accepted).

    ``entries`` says in the message what the entries are.
    """
    theta = as_vector(theta, name)
    if theta.shape[0] != n_params:
        raise ValueError(f"{name} must have {n_params} entries ({entries}), got {theta.shape[0]}")
    return theta


def check_learning_rate(learning_rate, name: str = "learning_rate") -> float:
    """A learning rate is a positive, finite real number."""
    return check_positive(learning_rate, name)


def _real(value, name: str) -> float:
    """A real number (not a bool) as a float; ``inf`` when beyond the float range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    try:
        return float(value)
    except OverflowError:
        return float("inf")


def check_number(value, name: str) -> float:
    """A finite real number."""
    number = _real(value, name)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def check_positive(value, name: str, *, allow_zero: bool = False) -> float:
    """A finite real number above zero (or at least zero)."""
    number = _real(value, name)
    if not np.isfinite(number) or number < 0 or (number == 0 and not allow_zero):
        wanted = "a non-negative" if allow_zero else "a positive"
        raise ValueError(f"{name} must be {wanted} finite number, got {value!r}")
    return number


def check_count(value, name: str, *, minimum: int = 1, maximum: int | None = None) -> int:
    """A count of steps, epochs or samples: an integer of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value}")
    return int(value)


def check_bool(value, name: str) -> bool:
    """A flag: ``True`` or ``False`` (numpy booleans too), not a truthy string."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return bool(value)


def check_choice(value, name: str, choices: Iterable[str]) -> str:
    """One of a few names."""
    choices = tuple(choices)
    listed = " or ".join(repr(c) for c in choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be {listed}, got {type(value).__name__}")
    if value not in choices:
        raise ValueError(f"{name} must be {listed}, got {value!r}")
    return value


def check_random_state(random_state) -> np.random.Generator:
    """A seed for ``np.random.default_rng``: ``None``, a non-negative integer or a ``Generator``."""
    if random_state is None or isinstance(random_state, np.random.Generator):
        return np.random.default_rng(random_state)
    if isinstance(random_state, bool) or not isinstance(random_state, numbers.Integral):
        raise TypeError(
            f"random_state must be None, a non-negative integer or a numpy Generator, got {type(random_state).__name__}"
        )
    return np.random.default_rng(check_count(random_state, "random_state", minimum=0))


def check_finite_result(result, what: str, names: str):
    """Raise if ``what`` (computed from finite inputs) overflowed; ``names`` are the inputs to blame.

    Compute under ``np.errstate(all="ignore")``: the overflow becomes this
    error instead of a numpy ``RuntimeWarning`` and a silent ``inf`` or ``nan``.
    """
    if not _all_finite(np.asarray(result)):
        raise ValueError(f"{what} overflows floating point: {names} are too large in magnitude; rescale them")
    return result


# --- arguments of the figures (descent.plotting) ----------------------------------------


def check_text(value, name: str) -> str:
    """A title, axis label or legend label."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    return value


def check_interval(value, name: str) -> tuple[float, float]:
    """A window ``(low, high)`` of finite numbers with ``low < high``."""
    pair = as_float_array(value, name, ndim=(1,))
    if pair.shape != (2,):
        raise ValueError(f"{name} must be a pair (low, high), got {pair.size} numbers")
    low, high = float(pair[0]), float(pair[1])
    if not low < high:
        raise ValueError(f"{name} must be a pair (low, high) with low < high, got ({low:g}, {high:g})")
    return low, high


def check_labelled(value, name: str, what: str) -> dict:
    """A dict from legend labels (strings) to ``what``; the values are checked by the caller."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a dict of legend label -> {what}, got {type(value).__name__}")
    for label in value:
        check_text(label, f"each key of {name} (a legend label)")
        if not label or label.startswith("_"):  # matplotlib leaves such labels out of the legend
            raise ValueError(f"each key of {name} (a legend label) must be non-empty and not start with '_', got {label!r}")
    return dict(value)


def check_positive_values(values: np.ndarray, name: str, why: str) -> np.ndarray:
    """Values above zero, such as those drawn on a logarithmic axis."""
    if np.any(values <= 0):
        raise ValueError(f"{name} must be positive {why}, got {values.min():g}")
    return values


def check_callable(value, name: str):
    """A function to call."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")
    return value


def evaluate(function, x: np.ndarray, name: str, where: str) -> np.ndarray:
    """``function(x)`` on the array ``x``: real, one value per entry, finite.

    ``where`` names the arguments that chose ``x``, for the message. The call
    runs under ``np.errstate(all="ignore")``: an overflow inside ``function``
    becomes this error instead of a numpy ``RuntimeWarning``.
    """
    with np.errstate(all="ignore"):
        value = to_float_array(function(x), f"{name}(x)")
    if value.shape != x.shape:
        raise ValueError(
            f"{name}(x) must give one value per entry of an array x (elementwise), got shape {value.shape} "
            f"for x of shape {x.shape}"
        )
    if not _all_finite(value):
        raise ValueError(f"{name}(x) must be finite where it is drawn ({where}), got NaN or infinity")
    return value


def check_labels(labels: np.ndarray, name: str) -> np.ndarray:
    """Class labels 0 and 1 (of a logistic model)."""
    if not np.all((labels == 0) | (labels == 1)):
        raise ValueError(f"{name} must hold class labels 0 and 1 only, got values {np.unique(labels)[:5]}")
    return labels
