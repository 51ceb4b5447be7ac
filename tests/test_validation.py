"""Bad input gets a clear error, and no NaN or infinity comes back silently.

Hypothesis throws random arguments at every public computing function of
``descent`` (and at ``GDRegressor``): a call either returns finite numbers or
raises a ``ValueError`` / ``TypeError`` whose message names the argument.
The only warnings allowed are the documented ones: a ``DivergenceWarning``
from an optimizer and, from the scikit-learn estimator, scikit-learn's own
``ConvergenceWarning`` / ``DataConversionWarning``. A numpy overflow or
invalid-value warning is a failure.
"""

import dataclasses
import os
import re
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.exceptions import ConvergenceWarning, DataConversionWarning

from descent import (
    DivergenceWarning,
    GDRegressor,
    add_intercept,
    gradient_descent,
    linear_regression_gd,
    make_linear_data,
    mse_cost,
    mse_cost_grid,
    mse_gradient,
    normal_equation,
    predict,
)

# In CI every run tries the same examples, so a failure there can be replayed.
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)

floats = st.floats(width=64)  # NaN, infinities and every magnitude
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


def float_arrays(elements=floats, max_dims: int = 3):
    shapes = hnp.array_shapes(min_dims=0, max_dims=max_dims, min_side=0, max_side=4)
    return hnp.arrays(np.float64, shapes, elements=elements)


#: Anything a learner might pass by mistake. Positive integers stay small: a
#: count of 10**9 epochs would be valid, just slow.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=6),
    st.sampled_from([-(10**400), [10**400]]),  # beyond the float range
    floats,
    st.complex_numbers(),
    st.text(max_size=4),
    st.binary(max_size=4),
    st.builds(object),
    st.lists(st.one_of(floats, st.text(max_size=2), st.none()), max_size=4),
    st.lists(st.lists(floats, max_size=3), max_size=4),  # ragged rows too
    st.dictionaries(st.text(max_size=2), floats, max_size=2),
    float_arrays(),
    hnp.arrays(np.complex128, st.integers(1, 3)),
    hnp.arrays(hnp.unicode_string_dtypes(max_len=2), st.integers(1, 3)),
)

X = [[1.0, 0.5], [1.0, 1.5], [1.0, 2.5]]
Y = [1.0, 2.0, 2.5]
THETA = [0.5, 0.5]


def fit_and_predict(X, y, **params):
    return GDRegressor(**params).fit(X, y).predict(X)


#: Every public function with a valid call; the tests spoil one argument at a time.
CALLS = {
    "mse_cost": (mse_cost, {"X": X, "y": Y, "theta": THETA}),
    "mse_gradient": (mse_gradient, {"X": X, "y": Y, "theta": THETA}),
    "mse_cost_grid": (mse_cost_grid, {"x": [0.5, 1.5, 2.5], "y": Y, "intercepts": [0.0, 1.0], "slopes": [0.5, 1.0]}),
    "add_intercept": (add_intercept, {"X": [[0.5], [1.5]]}),
    "normal_equation": (normal_equation, {"X": X, "y": Y}),
    "predict": (predict, {"X": X, "theta": THETA}),
    "gradient_descent": (
        gradient_descent,
        {"grad": lambda x: 2 * x, "x0": [1.0, -1.0], "learning_rate": 0.1, "n_steps": 3},
    ),
    "linear_regression_gd": (
        linear_regression_gd,
        {
            "X": X,
            "y": Y,
            "theta0": THETA,
            "learning_rate": 0.1,
            "n_epochs": 3,
            "batch_size": 2,
            "shuffle": True,
            "random_state": 0,
            "history": "epoch",
            "tol": 1e-3,
            "n_iter_no_change": 2,
        },
    ),
    "make_linear_data": (make_linear_data, {"n_samples": 5, "random_state": 0}),
    "GDRegressor": (
        fit_and_predict,
        {
            "X": X,
            "y": Y,
            "learning_rate": "constant",
            "eta0": 0.1,
            "max_iter": 3,
            "tol": None,
            "n_iter_no_change": 5,
            "batch_size": 2,
            "shuffle": True,
            "random_state": 0,
            "fit_intercept": True,
        },
    ),
}
ALLOWED_WARNINGS = (DivergenceWarning, ConvergenceWarning, DataConversionWarning)


def numbers_in(result) -> list:
    """Every float or array in a result (dataclasses and tuples opened up)."""
    if dataclasses.is_dataclass(result):
        return [n for field in dataclasses.fields(result) for n in numbers_in(getattr(result, field.name))]
    if isinstance(result, tuple):
        return [n for item in result for n in numbers_in(item)]
    if result is None or isinstance(result, (bool, int)):
        return []
    return [result]


def check_outcome(function, kwargs: dict, blame: str):
    """Call; accept finite numbers back, or a ValueError/TypeError that names ``blame``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = function(**kwargs)
        except (ValueError, TypeError) as exc:
            assert re.search(rf"(?<![\w]){re.escape(blame)}(?!\w)", str(exc)), f"{exc!r} does not name {blame!r}"
            result = None
    unexpected = [f"{w.category.__name__}: {w.message}" for w in caught if not issubclass(w.category, ALLOWED_WARNINGS)]
    assert unexpected == []
    for number in numbers_in(result):
        assert np.all(np.isfinite(number)), f"non-finite result {number!r}"
    return result


@pytest.mark.parametrize(
    "function, argument", [(name, argument) for name, (_, kwargs) in CALLS.items() for argument in kwargs]
)
@PROPERTY
@given(junk=JUNK)
def test_junk_in_any_argument_gets_a_clear_error(function, argument, junk):
    call, kwargs = CALLS[function]
    check_outcome(call, kwargs | {argument: junk}, blame=argument)


@PROPERTY
@given(junk=JUNK)
def test_a_gradient_returning_junk_is_named(junk):
    check_outcome(lambda: gradient_descent(lambda x: junk, 1.0, learning_rate=0.1, n_steps=3), {}, blame="grad")


@st.composite
def problems(draw, elements=finite):
    """Well-shaped X (m, n), y (m,) and theta (n,) of finite numbers of any magnitude."""
    m, n = draw(st.integers(1, 6)), draw(st.integers(1, 3))
    return (
        draw(hnp.arrays(np.float64, (m, n), elements=elements)),
        draw(hnp.arrays(np.float64, m, elements=elements)),
        draw(hnp.arrays(np.float64, n, elements=elements)),
    )


@PROPERTY
@given(problem=problems())
def test_extreme_but_finite_numbers_never_overflow_silently(problem):
    X, y, theta = problem
    check_outcome(mse_cost, {"X": X, "y": y, "theta": theta}, blame="X")
    check_outcome(mse_gradient, {"X": X, "y": y, "theta": theta}, blame="X")
    check_outcome(predict, {"X": X, "theta": theta}, blame="X")
    check_outcome(normal_equation, {"X": X, "y": y}, blame="X")
    check_outcome(mse_cost_grid, {"x": X[:, 0], "y": y, "intercepts": theta, "slopes": theta}, blame="x")


@PROPERTY
@given(
    problem=problems(),
    learning_rate=st.floats(min_value=1e-3, max_value=1e300),
    batch_size=st.integers(1, 6),
    random_state=st.integers(0, 2**32),
)
def test_linear_regression_gd_is_finite_or_reports_divergence(problem, learning_rate, batch_size, random_state):
    X, y, theta0 = problem
    kwargs = dict(learning_rate=learning_rate, n_epochs=4, batch_size=min(batch_size, len(y)), random_state=random_state)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            steps = linear_regression_gd(X, y, theta0, **kwargs)
        except ValueError as exc:  # only the starting cost may be too large to compute
            assert "the cost at theta0 overflows" in str(exc)
            return
        epochs = linear_regression_gd(X, y, theta0, history="epoch", **kwargs)
    assert {w.category for w in caught} <= {DivergenceWarning}
    assert len(caught) == 2 * (steps.diverged_at is not None)
    for run in (steps, epochs):
        assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.costs))
    # Recording only epochs changes what is kept, not what happened.
    assert epochs.diverged_at == steps.diverged_at
    np.testing.assert_array_equal(epochs.path, steps.path[:: steps.updates_per_epoch])


# --- the messages themselves, one per kind of mistake --------------------------------------


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: mse_cost(np.ones((3, 2)) * 1j, [1, 2, 3], [1, 1]), TypeError, "X must be array-like of real numbers, got complex"),
        (lambda: mse_cost([[1, 2], [3]], [1, 2], [1, 1]), ValueError, "X must be a rectangular array"),
        (lambda: mse_cost([["1", "2"]], [1], [1, 1]), TypeError, "X must be array-like of real numbers"),
        (lambda: mse_cost([[10**400]], [1], [1]), ValueError, "X contains a number too large for a float"),
        (lambda: mse_cost(np.full((2, 1), 1e200), [1, 2], [1e200]), ValueError, "the cost overflows floating point: X, y and theta"),
        (lambda: predict(np.full((2, 1), 1e200), [1e200]), ValueError, "the prediction overflows"),
        (lambda: mse_cost_grid([1e300], [0], [0], [1e300]), ValueError, "the cost grid overflows"),
        (lambda: linear_regression_gd([1.0, 2.0], [1.0, 2.0]), ValueError, r"X must be 2-D.*add_intercept"),
        (lambda: linear_regression_gd(X, Y, [np.nan, 0]), ValueError, "theta0 contains NaN or infinity"),
        (lambda: linear_regression_gd(np.full((2, 1), 1e200), [1, 2], [1e200]), ValueError, "the cost at theta0 overflows"),
        (lambda: linear_regression_gd(X, Y, shuffle="no"), TypeError, "shuffle must be True or False"),
        (lambda: linear_regression_gd(X, Y, random_state=1.5), TypeError, "random_state must be None, a non-negative integer"),
        (lambda: linear_regression_gd(X, Y, random_state=-1), ValueError, "random_state must be at least 0"),
        (lambda: linear_regression_gd(X, Y, history=["step"]), TypeError, "history must be 'step' or 'epoch'"),
        (lambda: linear_regression_gd(X, Y, tol=-1.0), ValueError, "tol must be a non-negative finite number"),
        (lambda: linear_regression_gd(X, Y, n_iter_no_change=0), ValueError, "n_iter_no_change must be at least 1"),
        (lambda: linear_regression_gd(X, Y, learning_rate=True), TypeError, "learning_rate must be a real number"),
        (lambda: linear_regression_gd(X, Y, learning_rate=10**400), ValueError, "learning_rate must be a positive finite"),
        (lambda: gradient_descent(lambda x: None, 1.0, 0.1, 3), TypeError, r"grad\(x\) must be array-like of numbers, got NoneType"),
        (lambda: gradient_descent(lambda x: "2x", 1.0, 0.1, 3), TypeError, r"grad\(x\) must be array-like"),
        (lambda: gradient_descent(lambda x: [object()], [1.0], 0.1, 3), TypeError, r"grad\(x\) must be array-like of real numbers"),
        (lambda: make_linear_data(random_state=2**40), ValueError, "random_state must be at most 4294967295"),
        (lambda: GDRegressor(eta0=0).fit(X, Y), ValueError, "eta0 must be a positive finite number"),
        (lambda: GDRegressor(learning_rate="optimal").fit(X, Y), ValueError, "learning_rate must be 'constant'"),
        (lambda: GDRegressor(max_iter=0).fit(X, Y), ValueError, "max_iter must be at least 1"),
        (lambda: GDRegressor(batch_size=0).fit(X, Y), ValueError, "batch_size must be at least 1"),
        (lambda: GDRegressor(fit_intercept=1).fit(X, Y), TypeError, "fit_intercept must be True or False"),
        (lambda: GDRegressor(random_state="seed").fit(X, Y), TypeError, "random_state must be None, an integer or a numpy RandomState"),
        (lambda: GDRegressor().fit([1.0, 2.0, 3.0], Y), ValueError, r"GDRegressor.fit\(X, y\): bad X or y: Expected 2D array"),
        (lambda: GDRegressor().fit(X, Y).predict([[1.0]]), ValueError, r"predict\(X\): bad X: X has 1 features"),
    ],
)
def test_each_mistake_gets_its_own_message(call, error, message):
    with pytest.raises(error, match=message):
        call()
