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
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from sklearn.exceptions import ConvergenceWarning, DataConversionWarning

from descent import (
    DivergenceWarning,
    GDRegressor,
    add_intercept,
    descend,
    gradient_descent,
    linear_regression_gd,
    make_linear_data,
    mse_cost,
    mse_cost_grid,
    mse_gradient,
    normal_equation,
    predict,
)
from descent.fonts import font_path
from descent.rules import AdaGrad, Adam, Cosine, InverseTime, Momentum, Nesterov, RMSProp, StepDecay, as_rule, as_schedule
from descent.logistic import log_loss, log_loss_gradient, logistic_regression_gd, sigmoid
from descent import network
from descent.datasets import make_playground

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


def run_rule(rule):
    """Three steps of a step rule on |x|^2 / 2: where its settings are used."""
    return descend(lambda x: x, [1.0, -1.0], rule=rule, max_iter=3).path


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
        {"grad": lambda x: 2 * x, "x0": [1.0, -1.0], "learning_rate": 0.1, "max_iter": 3},
    ),
    "linear_regression_gd": (
        linear_regression_gd,
        {
            "X": X,
            "y": Y,
            "theta0": THETA,
            "learning_rate": 0.1,
            "max_iter": 3,
            "batch_size": 2,
            "shuffle": True,
            "random_state": 0,
            "history": "epoch",
            "tol": 1e-3,
            "n_iter_no_change": 2,
        },
    ),
    "descend": (
        descend,
        {
            # J = |theta|^2 / 2 whatever the data: the junk tests descend's own handling of its arguments
            "gradient": lambda theta, X, y: theta,
            "theta0": THETA,
            "data": (X, Y),
            "cost": lambda theta: float(np.sum(theta**2)) / 2,
            "rule": "momentum",
            "learning_rate": 0.1,
            "max_iter": 3,
            "batch_size": 2,
            "shuffle": True,
            "random_state": 0,
            "tol": 1e-3,
            "n_iter_no_change": 2,
            "history": "epoch",
        },
    ),
    "as_rule": (as_rule, {"rule": "adam"}),
    "Momentum": (lambda beta: run_rule(Momentum(beta)), {"beta": 0.5}),
    "Nesterov": (lambda beta: run_rule(Nesterov(beta)), {"beta": 0.5}),
    "AdaGrad": (lambda epsilon: run_rule(AdaGrad(epsilon)), {"epsilon": 1e-8}),
    "RMSProp": (lambda rho, epsilon: run_rule(RMSProp(rho, epsilon)), {"rho": 0.9, "epsilon": 1e-8}),
    "Adam": (lambda beta1, beta2, epsilon: run_rule(Adam(beta1, beta2, epsilon)), {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}),
    "StepDecay": (lambda learning_rate, factor, every: StepDecay(learning_rate, factor, every)(7),
                  {"learning_rate": 0.1, "factor": 0.5, "every": 3}),
    "InverseTime": (lambda learning_rate, decay: InverseTime(learning_rate, decay)(7), {"learning_rate": 0.1, "decay": 0.5}),
    "Cosine": (lambda learning_rate, n_updates, min_learning_rate: Cosine(learning_rate, n_updates, min_learning_rate)(7),
               {"learning_rate": 0.1, "n_updates": 10, "min_learning_rate": 0.01}),
    "as_schedule": (as_schedule, {"learning_rate": 0.1}),
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
    "sigmoid": (sigmoid, {"z": [-1.0, 0.0, 2.0]}),
    "log_loss": (log_loss, {"X": X, "y": [0.0, 1.0, 1.0], "theta": THETA}),
    "log_loss_gradient": (log_loss_gradient, {"X": X, "y": [0.0, 1.0, 1.0], "theta": THETA}),
    "logistic_regression_gd": (
        logistic_regression_gd,
        {"X": X, "y": [0.0, 1.0, 1.0], "theta0": THETA, "learning_rate": 0.1, "max_iter": 3},
    ),
    "font_path": (font_path, {"weight": "bold"}),
    # the network of the chapter "신경망" (2 -> 3 -> 1: 13 parameters) and its data
    "make_playground": (make_playground, {"kind": "xor", "n_samples": 6, "noise": 0.1, "random_state": 0}),
    "n_params": (network.n_params, {"layer_sizes": [2, 3, 1]}),
    "init_params": (network.init_params, {"layer_sizes": [2, 3, 1], "random_state": 0, "scale": 1.0}),
    "unpack": (network.unpack, {"theta": np.linspace(-1, 1, 13), "layer_sizes": [2, 3, 1]}),
    "pack": (network.pack, {"weights": [np.ones((2, 3)), np.ones((3, 1))], "biases": [np.zeros(3), np.zeros(1)]}),
    "forward": (network.forward, {"X": X, "theta": np.linspace(-1, 1, 13), "layer_sizes": [2, 3, 1], "activation": "relu"}),
    "predict_proba": (network.predict_proba, {"X": X, "theta": np.linspace(-1, 1, 13), "layer_sizes": [2, 3, 1],
                                              "activation": "tanh"}),
    "network_log_loss": (network.log_loss, {"X": X, "y": [0.0, 1.0, 1.0], "theta": np.linspace(-1, 1, 13),
                                            "layer_sizes": [2, 3, 1], "activation": "tanh"}),
    "backward": (network.backward, {"X": X, "y": [0.0, 1.0, 1.0], "theta": np.linspace(-1, 1, 13),
                                    "layer_sizes": [2, 3, 1], "activation": "relu"}),
    "numerical_gradient": (network.numerical_gradient,
                           {"cost": lambda theta: float(np.sum(theta**2)), "theta": [1.0, -2.0], "h": 1e-6}),
    "network_gd": (
        network.network_gd,
        {"X": X, "y": [0.0, 1.0, 1.0], "layer_sizes": [2, 3, 1], "activation": "tanh", "theta0": np.linspace(-1, 1, 13),
         "rule": "adam", "learning_rate": 0.1, "max_iter": 3, "batch_size": 2, "shuffle": True, "random_state": 0,
         "history": "step", "tol": 1e-3, "n_iter_no_change": 2},
    ),
}
ALLOWED_WARNINGS = (DivergenceWarning, ConvergenceWarning, DataConversionWarning)


def numbers_in(result) -> list:
    """Every float or array in a result (dataclasses and tuples opened up)."""
    if dataclasses.is_dataclass(result):
        return [n for field in dataclasses.fields(result) for n in numbers_in(getattr(result, field.name))]
    if isinstance(result, tuple):
        return [n for item in result for n in numbers_in(item)]
    if result is None or isinstance(result, (bool, int, os.PathLike)):
        return []
    if isinstance(result, Figure):
        return drawn(result)
    if isinstance(result, Axes) or (isinstance(result, np.ndarray) and result.dtype == object):
        return []  # the axes of new_figure(): their contents are in the figure
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
    check_outcome(lambda: gradient_descent(lambda x: junk, 1.0, learning_rate=0.1, max_iter=3), {}, blame="grad")


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
    kwargs = dict(learning_rate=learning_rate, max_iter=4, batch_size=min(batch_size, len(y)), random_state=random_state)
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


def test_the_finite_check_is_not_fooled_by_a_sum():
    # Inputs are checked by their sum first: a sum that overflows must not reject finite
    # data, and NaN or infinities that cancel (inf - inf = NaN) must still be caught.
    np.testing.assert_array_equal(predict([[1e308, 1e308], [-1e308, 1e308]], [0.0, 0.0]), [0.0, 0.0])
    for bad in ([[np.inf, -np.inf]], [[1e308, 1e308, np.nan]], [[1e308, 1e308, np.inf]]):
        with pytest.raises(ValueError, match="X contains NaN or infinity"):
            predict(bad, np.zeros(len(bad[0])))


# --- the figures: every function of descent.plotting ---------------------------------------
# The figures are not registered in pyplot (see test_plotting.py), so nothing is left open.

from descent import plotting  # noqa: E402


def parabola(x):
    return 0.5 * (2 - 2 * x) ** 2


def parabola_slope(x):
    return 4 * x - 4


TITLES = {"title": "제목", "xlabel": "x", "ylabel": "y"}
PATH = [3.0, 2.2, 1.7]
PLOT_CALLS = {
    "new_figure": (plotting.new_figure, {"ncols": 2, "nrows": 1, "width": 4.0, "height": 3.0}),
    "plot_data": (plotting.plot_data, {"x": [0.5, 1.5, 2.5], "y": Y, **TITLES}),
    "plot_cost_history": (
        plotting.plot_cost_history,
        {"costs": [4.0, 2.0, 1.0], "title": "t", "xlabel": "x", "log": True},
    ),
    "plot_fit": (plotting.plot_fit, {"x": [0.5, 1.5, 2.5], "y": Y, "lines": {"GD": THETA}, **TITLES}),
    "plot_cost_contour": (
        plotting.plot_cost_contour,
        {
            "x": [0.5, 1.5, 2.5],
            "y": Y,
            "paths": {"GD": [[0.0, 0.0], [0.5, 0.5]]},
            "intercepts": (-1.0, 3.0),
            "slopes": (-1.0, 3.0),
            "levels": 5,
            "title": "t",
        },
    ),
    "plot_steps": (plotting.plot_steps, {"f": parabola, "path": PATH, "xlim": (-1.0, 3.0), "title": "t"}),
    "plot_step_panels": (
        plotting.plot_step_panels,
        {"f": parabola, "paths": {"α = 0.1": PATH, "α = 0.55": [3.0, -1.4]}, "xlim": (-1.0, 3.0), "ncols": 2},
    ),
    "plot_descent_valley": (
        plotting.plot_descent_valley,
        {"f": parabola, "grad": parabola_slope, "path": PATH, "xlim": (-1.0, 3.0), "n_tangents": 2, "title": "t"},
    ),
    "plot_learning_rate_sweep": (
        plotting.plot_learning_rate_sweep,
        {
            "learning_rates": [0.1, 0.3, 0.6],
            "distances": [1.0, 0.5, 2.0],
            "limit": 0.5,
            "start_distance": 2.0,
            "predicted": [1.0, 0.5, 2.0],
            "title": "t",
            "ylabel": "y",
        },
    ),
    "plot_cost_curve": (
        plotting.plot_cost_curve,
        {"params": [0.0, 1.0, 2.0], "costs": [2.0, 0.0, 2.0], "xlabel": "w", "title": "t"},
    ),
    "plot_cost_surface": (
        plotting.plot_cost_surface,
        {"x": [0.5, 1.5, 2.5], "y": Y, "intercepts": (-1.0, 3.0), "slopes": (-1.0, 3.0), "resolution": 5, "title": "t"},
    ),
    "plot_cost_curves": (
        plotting.plot_cost_curves,
        {"curves": {"배치": [4.0, 2.0], "SGD": ([1.0, 2.0], [3.0, 1.0])}, **TITLES, "logx": False, "logy": True},
    ),
    "plot_prediction": (
        plotting.plot_prediction,
        {"x": [0.5, 1.5, 2.5], "y": Y, "lines": {"GD": THETA}, "x_new": 3.0, **TITLES},
    ),
    "plot_decision_boundary": (
        plotting.plot_decision_boundary,
        {"X": [[0.0, 0.0], [1.0, 2.0], [2.0, 1.0]], "labels": [0, 1, 1], "boundaries": {"끝": [0.0, 1.0, 1.0]}, **TITLES},
    ),
    "plot_network": (
        plotting.plot_network,
        {"layer_sizes": [2, 3, 1], "title": "t", "layer_names": ["입력층", "은닉층", "출력층"]},
    ),
    "plot_race": (
        plotting.plot_race,
        {
            "f": lambda theta: theta[0] ** 2 + 4 * theta[1] ** 2,
            "paths": {"GD": [[1.0, 1.0], [0.5, 0.2]]},
            "xlim": (-2.0, 2.0),
            "ylim": (-2.0, 2.0),
            "minimum": [0.0, 0.0],
            "levels": 5,
            **TITLES,
            "equal_aspect": True,
        },
    ),
    "plot_rates": (
        plotting.plot_rates,
        {"kappas": [10.0, 100.0], "measured": {"측정": [20.0, 200.0]}, "predicted": {"이론": [20.0, 200.0]}, **TITLES},
    ),
    "plot_decision_regions": (
        plotting.plot_decision_regions,
        {"X": [[0.0, 0.0], [1.0, 2.0], [2.0, 1.0]], "labels": [0, 1, 1],
         "panels": {"처음": lambda P: 1 / (1 + np.exp(-(P[:, 0] - P[:, 1])))}, "ncols": 2, "resolution": 5, **TITLES},
    ),
    "plot_gradient_check": (
        plotting.plot_gradient_check,
        {"errors": {"맞음": np.full(13, 1e-9)}, "layer_sizes": [2, 3, 1], **TITLES},
    ),
}
PLOTTING = settings(PROPERTY, max_examples=30)  # a figure per valid example: fewer, still every kind of junk


def drawn(fig: Figure) -> list:
    """The coordinates of every line and marker drawn: none may be NaN or infinite."""
    data = []
    for ax in fig.axes:
        data += [line.get_data_3d() if hasattr(line, "get_data_3d") else line.get_xydata() for line in ax.lines]
        data += [collection.get_offsets() for collection in ax.collections if len(collection.get_offsets())]
    return [np.asarray(d, dtype=float) for d in data]


@pytest.mark.parametrize(
    "function, argument", [(name, argument) for name, (_, kwargs) in PLOT_CALLS.items() for argument in kwargs]
)
@PLOTTING
@given(junk=JUNK)
def test_junk_in_any_argument_of_a_figure_gets_a_clear_error(function, argument, junk):
    call, kwargs = PLOT_CALLS[function]
    check_outcome(call, kwargs | {argument: junk}, blame=argument)


def test_the_valid_calls_draw():
    for name, (call, kwargs) in PLOT_CALLS.items():
        result = check_outcome(call, kwargs, blame="")
        fig = result[0] if isinstance(result, tuple) else result
        assert isinstance(fig, Figure), name


@st.composite
def lines_and_paths(draw):
    """Dicts of parameter vectors or paths: wrong lengths, wrong keys, NaN, huge values."""
    keys = st.one_of(st.text(max_size=3), st.integers(), st.none())
    values = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=4), elements=floats)
    return draw(st.dictionaries(keys, values, max_size=3))


@pytest.mark.parametrize(
    "function, argument",
    [("plot_fit", "lines"), ("plot_prediction", "lines"), ("plot_decision_boundary", "boundaries"),
     ("plot_cost_contour", "paths"), ("plot_step_panels", "paths"), ("plot_cost_curves", "curves")],
)
@PLOTTING
@given(junk=lines_and_paths())
def test_every_entry_of_a_dict_of_lines_is_checked(function, argument, junk):
    call, kwargs = PLOT_CALLS[function]
    check_outcome(call, kwargs | {argument: junk}, blame=argument)


@PLOTTING
@given(x=hnp.arrays(np.float64, 3, elements=finite), y=hnp.arrays(np.float64, 3, elements=finite))
def test_extreme_but_finite_data_is_drawn_finite_or_refused(x, y):
    for name in ("plot_data", "plot_fit", "plot_prediction", "plot_cost_contour", "plot_cost_surface"):
        call, kwargs = PLOT_CALLS[name]
        check_outcome(call, kwargs | {"x": x}, blame="x")
        check_outcome(call, kwargs | {"y": y}, blame="y")


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: plotting.plot_data([0.0, np.nan], [1.0, 2.0]), ValueError, "x contains NaN or infinity"),
        (lambda: plotting.plot_data([0.0, 1.0], [1.0]), ValueError, "x and y must have the same length, got 2 and 1"),
        (lambda: plotting.plot_data(np.ones((2, 2)), [1.0, 2.0]), ValueError, "x must be 1-D or a single column"),
        (lambda: plotting.plot_data([0.0], [1.0], title=None), TypeError, "title must be a string, got NoneType"),
        (lambda: plotting.plot_fit([0.0, 1.0], [1.0, 2.0], {"GD": [1.0]}), ValueError,
         r"lines\['GD'\] must have 2 entries \(\[intercept, slope\]\), got 1"),
        (lambda: plotting.plot_fit([0.0, 1.0], [1.0, 2.0], [[1.0, 2.0]]), TypeError, "lines must be a dict of legend label"),
        (lambda: plotting.plot_fit([0.0, 1.0], [1.0, 2.0], {1: [1.0, 2.0]}), TypeError, "each key of lines .* must be a string"),
        (lambda: plotting.plot_fit([0.0, 1.0], [1.0, 2.0], {"_GD": [1.0, 2.0]}), ValueError,
         "each key of lines .* must be non-empty and not start with '_'"),
        (lambda: plotting.plot_fit([0.0, 1e200], [1.0, 2.0], {"GD": [1e200, 1e200]}), ValueError, "a line overflows"),
        (lambda: plotting.plot_cost_history([1.0, 0.0], log=True), ValueError, r"costs must be positive on a logarithmic axis \(log=True\)"),
        (lambda: plotting.plot_cost_history([1.0], log="yes"), TypeError, "log must be True or False"),
        (lambda: plotting.plot_cost_contour([0.0, 1.0], [1.0, 2.0], {"GD": [0.0, 1.0]}), ValueError, r"paths\['GD'\] must be 2-D"),
        (lambda: plotting.plot_cost_contour([0.0, 1.0], [1.0, 2.0], {"GD": np.ones((2, 3))}), ValueError, "must have 2 columns"),
        (lambda: plotting.plot_cost_contour([0.0, 1.0], [1.0, 2.0], intercepts=(3.0, 1.0)), ValueError, "intercepts must be a pair .* with low < high"),
        (lambda: plotting.plot_cost_contour([0.0, 1.0], [1.0, 2.0], slopes=(-1e308, 1e308)), ValueError,
         "slopes has values beyond 1e[+]300, too large to draw"),
        (lambda: plotting.plot_cost_surface([0.0, 1.0], [1.0, 2.0], resolution=1), ValueError, "resolution must be at least 2"),
        (lambda: plotting.plot_steps("x**2", PATH), TypeError, "f must be callable, got str"),
        (lambda: plotting.plot_steps(parabola, PATH, xlim=(0.0, 1.0, 2.0)), ValueError, r"xlim must be a pair \(low, high\), got 3 numbers"),
        (lambda: plotting.plot_steps(lambda x: 1.0, PATH), ValueError, r"f\(x\) must give one value per entry"),
        (lambda: plotting.plot_steps(np.exp, [3.0, 800.0]), ValueError, r"f\(x\) must be finite where it is drawn \(across xlim and path\)"),
        (lambda: plotting.plot_steps(parabola, [3.0, 1e308, -1e308]), ValueError, "path has values beyond 1e[+]300"),
        (lambda: plotting.plot_step_panels(parabola, {}), ValueError, "paths must hold at least one run"),
        (lambda: plotting.plot_descent_valley(parabola, parabola_slope, PATH, n_tangents=-1), ValueError, "n_tangents must be at least 0"),
        (lambda: plotting.plot_descent_valley(parabola, lambda x: "2x", PATH), TypeError, r"grad\(x\) must be array-like"),
        (lambda: plotting.plot_learning_rate_sweep([0.1, 0.2], [1.0, 0.0], limit=0.5), ValueError,
         "distances must be positive on the logarithmic axis"),
        (lambda: plotting.plot_learning_rate_sweep([0.1], [1.0], limit=-0.5), ValueError, "limit must be a positive finite number"),
        (lambda: plotting.plot_cost_curves({"SGD": ([0, 10], [4.0, 1.0])}, logx=True), ValueError,
         r"the x of curves\['SGD'\] must be positive on a logarithmic x axis"),
        (lambda: plotting.plot_cost_curves({"SGD": (1, 2, 3)}), ValueError, "must be the costs or a pair"),
        (lambda: plotting.plot_prediction([0.0, 1.0], [1.0, 2.0], {"GD": [1.0, 2.0]}, np.inf), ValueError, "x_new must be a finite number"),
        (lambda: plotting.plot_decision_boundary([[0.0, 1.0]], [2], {}), ValueError, "labels must hold class labels 0 and 1"),
        (lambda: plotting.plot_decision_boundary([[0.0, 1.0]], [1], {"a": [1.0, 1.0, 0.0]}), ValueError, r"boundaries\['a'\] must have θ₂ ≠ 0"),
        (lambda: plotting.plot_network([3]), ValueError, "layer_sizes must list at least 2 layers"),
        (lambda: plotting.plot_network([2, 2.5]), TypeError, r"layer_sizes\[1\] must be an integer"),
        (lambda: plotting.plot_network([2, 1], layer_names=["in"]), ValueError, r"layer_names must have one name per layer \(2\), got 1"),
        (lambda: plotting.new_figure(0), ValueError, "ncols must be at least 1"),
        (lambda: sigmoid([0.0, np.nan]), ValueError, "z contains NaN or infinity"),
        (lambda: font_path(["bold"]), TypeError, "weight must be 'regular' or 'bold'"),
    ],
)
def test_each_mistake_in_a_figure_gets_its_own_message(call, error, message):
    with pytest.raises(error, match=message):
        call()


# --- no public function escapes the junk ---------------------------------------------------

#: Public callables with nothing to spoil: records the package returns, a warning it raises,
#: and a loader without arguments.
NOT_CALLED_WITH_DATA = {"Descent", "StepRule", "Schedule", "Plain", "LinearData", "DivergenceWarning", "load_diabetes_bmi"}


def public_callables() -> dict[str, str]:
    """Name -> module of every public function and class defined (not re-exported) in a descent module."""
    import importlib
    import inspect
    import pkgutil

    import descent

    found = {}
    for info in pkgutil.iter_modules(descent.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"descent.{info.name}")
        names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
        for name in names:
            obj = getattr(module, name)
            if callable(obj) and getattr(obj, "__module__", None) == module.__name__ and not inspect.ismodule(obj):
                found[name] = module.__name__
    return found


def test_every_public_function_is_in_the_junk_tests():
    found = public_callables()
    assert {"mse_cost", "plot_fit", "new_figure", "sigmoid", "font_path"} <= set(found)  # the search works
    missing = sorted(f"{module}.{name}" for name, module in found.items()
                     if name not in CALLS and name not in PLOT_CALLS and name not in NOT_CALLED_WITH_DATA)
    assert missing == [], "add these to CALLS or PLOT_CALLS, with a valid call whose arguments get spoiled"
