"""Gradient descent against closed forms, scikit-learn and the notebook's own loops."""

import math

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from descent import (
    DivergenceWarning,
    add_intercept,
    gradient_descent,
    linear_regression_gd,
    load_diabetes_bmi,
    make_linear_data,
    mse_cost,
    normal_equation,
)


@pytest.fixture
def seed_problem():
    X, y, theta0 = make_linear_data()
    return add_intercept(X), y, theta0


# --- gradient_descent on plain functions -----------------------------------


def test_quadratic_contracts_geometrically():
    # f(x) = x^2, f'(x) = 2x: each step multiplies x by (1 - 2 alpha).
    run = gradient_descent(lambda x: 2 * x, 3.0, learning_rate=0.1, max_iter=20)
    np.testing.assert_allclose(run.path, 3.0 * 0.8 ** np.arange(21))
    assert run.diverged_at is None and run.theta == pytest.approx(3 * 0.8**20)


def test_notebook_parabola_steps():
    # The notebook's f(x) = 0.5 (2 - 2x)^2, started at 3 with alpha = 0.01, 50 steps.
    def df(x):
        return -2 * (2 - 2 * x)

    x, expected = 3.0, [3.0]
    for _ in range(50):
        x = x + 0.01 * 2 * (2 - x * 2)  # the notebook's xp1
        expected.append(x)
    run = gradient_descent(df, 3.0, learning_rate=0.01, max_iter=50)
    np.testing.assert_allclose(run.path, expected, rtol=1e-14)


def test_vector_iterates_reach_the_minimum():
    A = np.array([[3.0, 0.5], [0.5, 1.0]])
    b = np.array([1.0, -2.0])
    run = gradient_descent(lambda x: A @ x - b, np.zeros(2), learning_rate=0.3, max_iter=300)
    assert run.path.shape == (301, 2)
    np.testing.assert_allclose(run.theta, np.linalg.solve(A, b), atol=1e-10)


def test_divergence_is_reported_with_its_step():
    # alpha = 1.5 on x^2 multiplies x by -2 each step: |x| passes 1e12 * (1 + 1) at step 41.
    with pytest.warns(DivergenceWarning, match="diverged at update 41"):
        run = gradient_descent(lambda x: 2 * x, 1.0, learning_rate=1.5, max_iter=100)
    assert run.diverged_at == 41
    assert len(run.path) == 41 and np.all(np.isfinite(run.path))


def test_non_finite_gradient_stops_the_run():
    with pytest.warns(DivergenceWarning, match="update 1"):
        run = gradient_descent(lambda x: np.array(np.nan), 1.0, learning_rate=0.1, max_iter=5)
    assert run.diverged_at == 1 and run.path.tolist() == [1.0]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be a positive finite number"),
        ({"learning_rate": -1.0}, ValueError, "learning_rate must be a positive"),
        ({"learning_rate": math.nan}, ValueError, "learning_rate must be a positive"),
        ({"learning_rate": "0.1"}, TypeError, "learning_rate must be a real number"),
        ({"max_iter": 0}, ValueError, "max_iter must be at least 1"),
        ({"max_iter": 2.5}, TypeError, "max_iter must be an integer"),
        ({"x0": [[1.0]]}, ValueError, "x0 must be 0-D or 1-D"),
        ({"grad": 3}, TypeError, "grad must be callable"),
    ],
)
def test_gradient_descent_rejects_bad_input(kwargs, error, match):
    args = {"grad": lambda x: 2 * x, "x0": 1.0, "learning_rate": 0.1, "max_iter": 3} | kwargs
    with pytest.raises(error, match=match):
        gradient_descent(**args)


def test_gradient_of_wrong_shape_is_named():
    with pytest.raises(ValueError, match="grad\\(x\\) must have the shape of x0"):
        gradient_descent(lambda x: np.ones(3), np.zeros(2), learning_rate=0.1, max_iter=1)


# --- linear_regression_gd ---------------------------------------------------


def test_batch_gd_reproduces_the_notebook(seed_problem):
    Xb, y, theta0 = seed_problem
    theta, costs = theta0[:, None], []
    for _ in range(100):  # the notebook's gradient_descent, with the cost fixed to 1/(2m)
        theta = theta - 0.1 * (1 / 100) * Xb.T.dot(Xb.dot(theta) - y[:, None])
        costs.append(np.sum((Xb @ theta - y[:, None]) ** 2) / 200)
    run = linear_regression_gd(Xb, y, theta0, learning_rate=0.1, max_iter=100)
    np.testing.assert_allclose(run.theta, theta[:, 0], rtol=1e-13)
    np.testing.assert_allclose(run.costs[1:], costs, rtol=1e-12)
    assert run.costs[0] == pytest.approx(mse_cost(Xb, y, theta0))
    assert run.n_updates == 100 and run.path.shape == (101, 2)


def test_batch_gd_residual_kept_in_place_does_not_drift():
    # Batch GD updates X theta - y by X d instead of recomputing it; over 20 000 steps
    # rounding that piled up (about 20 000 * 1e-16 = 2e-12) would show against both oracles.
    x, y = load_diabetes_bmi()
    Xb = add_intercept(x)
    run = linear_regression_gd(Xb, y, learning_rate=1.0, max_iter=20_000)
    recomputed = [mse_cost(Xb, y, theta) for theta in run.path]
    np.testing.assert_allclose(run.costs, recomputed, rtol=1e-13)
    theta, path = np.zeros(2), [np.zeros(2)]
    for _ in range(20_000):  # the textbook update, residual recomputed every step
        theta = theta - (1.0 / len(y)) * (Xb.T @ (Xb @ theta - y))
        path.append(theta)
    np.testing.assert_allclose(run.path, path, rtol=1e-12)


def test_batch_size_m_is_exactly_batch_gd(seed_problem):
    Xb, y, theta0 = seed_problem
    full = linear_regression_gd(Xb, y, theta0, learning_rate=0.1, max_iter=30)
    explicit = linear_regression_gd(Xb, y, theta0, learning_rate=0.1, max_iter=30, batch_size=100, random_state=7)
    np.testing.assert_array_equal(full.path, explicit.path)


@pytest.mark.parametrize("batch_size", [None, 1, 16])
def test_every_variant_converges_to_the_least_squares_solution(seed_problem, batch_size):
    Xb, y, theta0 = seed_problem
    lr = 0.1 if batch_size is None else 0.01
    run = linear_regression_gd(Xb, y, theta0, learning_rate=lr, max_iter=2000 if batch_size is None else 400,
                               batch_size=batch_size, random_state=0, history="epoch")
    sk = LinearRegression().fit(Xb[:, 1:], y)
    tol = 1e-6 if batch_size is None else 0.1  # constant-step SGD only hovers near the optimum
    np.testing.assert_allclose(run.theta, [sk.intercept_, sk.coef_[0]], atol=tol)


def test_stochastic_gd_reproduces_the_notebooks_diabetes_loop():
    x, y = load_diabetes_bmi()
    w = b = 1.0
    for _ in range(3):  # the notebook's per-sample loop, three epochs
        for x_i, y_i in zip(x, y):
            err = x_i * w + b - y_i
            w = w - 0.01 * err * x_i
            b = b - 0.01 * err
    run = linear_regression_gd(add_intercept(x), y, [1.0, 1.0], learning_rate=0.01, max_iter=3, batch_size=1, shuffle=False)
    np.testing.assert_allclose(run.theta, [b, w], rtol=1e-10)
    assert run.n_updates == 3 * 442 and len(run.costs) == 3 * 442 + 1


def test_minibatch_bookkeeping_and_history(seed_problem):
    Xb, y, theta0 = seed_problem
    run = linear_regression_gd(Xb, y, theta0, learning_rate=0.05, max_iter=4, batch_size=30, random_state=0)
    assert run.updates_per_epoch == 4 and run.n_updates == 16  # 30 + 30 + 30 + 10 rows
    assert run.path.shape == (17, 2) and run.costs.shape == (17,)
    np.testing.assert_allclose(run.cost_per_epoch, run.costs[::4])
    for theta, cost in zip(run.path, run.costs):
        assert cost == pytest.approx(mse_cost(Xb, y, theta))
    per_epoch = linear_regression_gd(Xb, y, theta0, learning_rate=0.05, max_iter=4, batch_size=30, random_state=0, history="epoch")
    np.testing.assert_allclose(per_epoch.path, run.path[::4])
    np.testing.assert_allclose(per_epoch.costs, run.cost_per_epoch)


def test_random_state_controls_shuffling(seed_problem):
    Xb, y, theta0 = seed_problem
    kw = dict(learning_rate=0.05, max_iter=2, batch_size=10)
    a = linear_regression_gd(Xb, y, theta0, random_state=1, **kw)
    b = linear_regression_gd(Xb, y, theta0, random_state=1, **kw)
    c = linear_regression_gd(Xb, y, theta0, random_state=2, **kw)
    np.testing.assert_array_equal(a.path, b.path)
    assert not np.array_equal(a.path, c.path)


def test_divergent_run_stops_and_says_where(seed_problem):
    Xb, y, theta0 = seed_problem
    with pytest.warns(DivergenceWarning, match="diverged at update"):
        run = linear_regression_gd(Xb, y, theta0, learning_rate=2.0, max_iter=1000)
    assert run.diverged_at is not None and run.diverged_at < 1000
    assert np.all(np.isfinite(run.costs)) and len(run.costs) == run.diverged_at
    assert run.costs[-1] > 1e6 * run.costs[0]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"batch_size": 0}, ValueError, "batch_size must be at least 1"),
        ({"batch_size": 101}, ValueError, "batch_size must be at most the number of rows \\(100\\)"),
        ({"max_iter": 0}, ValueError, "max_iter must be at least 1"),
        ({"learning_rate": -0.1}, ValueError, "learning_rate must be a positive"),
        ({"theta0": [1.0, 2.0, 3.0]}, ValueError, "theta0 must have 2 entries"),
        ({"history": "all"}, ValueError, "history must be 'step' or 'epoch'"),
    ],
)
def test_linear_regression_gd_rejects_bad_input(seed_problem, kwargs, error, match):
    Xb, y, theta0 = seed_problem
    with pytest.raises(error, match=match):
        linear_regression_gd(Xb, y, **({"theta0": theta0} | kwargs))


def test_closed_form_is_the_fixed_point(seed_problem):
    Xb, y, _ = seed_problem
    best = normal_equation(Xb, y)
    run = linear_regression_gd(Xb, y, best, learning_rate=0.1, max_iter=5)
    np.testing.assert_allclose(run.path, np.tile(best, (6, 1)), atol=1e-12)


# --- divergence in detail, and early stopping ------------------------------------


def test_history_epoch_finds_the_step_inside_the_epoch(seed_problem):
    # Stochastic GD with a far too large step blows up within its first epoch of 100 updates.
    Xb, y, theta0 = seed_problem
    kw = dict(learning_rate=3.0, max_iter=5, batch_size=1, random_state=0)
    with pytest.warns(DivergenceWarning) as step_warning:
        steps = linear_regression_gd(Xb, y, theta0, **kw)
    with pytest.warns(DivergenceWarning) as epoch_warning:
        epochs = linear_regression_gd(Xb, y, theta0, history="epoch", **kw)
    assert 1 < steps.diverged_at < steps.updates_per_epoch
    assert epochs.diverged_at == steps.diverged_at and epochs.n_updates == steps.n_updates
    assert str(epoch_warning[0].message) == str(step_warning[0].message)
    assert epochs.n_iter == 0 and epochs.path.tolist() == [list(theta0)]


def test_an_overflowing_step_is_a_divergence_not_a_numpy_warning(seed_problem):
    # The first step already overflows to infinity; conftest turns any numpy RuntimeWarning into an error.
    Xb, y, theta0 = seed_problem
    with pytest.warns(DivergenceWarning, match="diverged at update 1: the cost reached inf"):
        run = linear_regression_gd(Xb, y, theta0, learning_rate=1e300, max_iter=3)
    assert run.diverged_at == 1 and run.n_updates == 0 and run.path.tolist() == [list(theta0)]
    # exp(710) overflows inside grad itself.
    with pytest.warns(DivergenceWarning, match="update 1: a coordinate's distance from the start reached inf"):
        run = gradient_descent(np.exp, 710.0, learning_rate=1.0, max_iter=5)
    assert run.diverged_at == 1 and run.path.tolist() == [710.0]


@pytest.mark.parametrize("batch_size", [None, 10])
def test_tol_stops_where_scikit_learns_rule_says(seed_problem, batch_size):
    Xb, y, theta0 = seed_problem
    kw = dict(learning_rate=0.05, batch_size=batch_size, random_state=3, history="epoch")
    full = linear_regression_gd(Xb, y, theta0, max_iter=300, **kw)
    # SGDRegressor's rule, replayed on the uninterrupted run's end-of-epoch costs.
    tol, patience, best, stalled = 1e-3, 4, full.cost_per_epoch[0], 0
    for epoch, cost in enumerate(full.cost_per_epoch[1:], 1):
        stalled = stalled + 1 if cost > best - tol else 0
        best = min(best, cost)
        if stalled >= patience:
            break
    assert epoch < 300
    stopped = linear_regression_gd(Xb, y, theta0, max_iter=300, tol=tol, n_iter_no_change=patience, **kw)
    assert stopped.converged and stopped.n_iter == epoch
    np.testing.assert_array_equal(stopped.path, full.path[: epoch + 1])
    assert not full.converged and full.n_iter == 300


def test_any_memory_layout_of_X_gives_the_same_run_and_inputs_stay_untouched(seed_problem):
    # The loop works on a column-major copy of X with a residual buffer of its own.
    Xb, y, theta0 = seed_problem
    X_before, y_before = Xb.copy(), y.copy()
    reference = linear_regression_gd(Xb, y, theta0, learning_rate=0.1, max_iter=20)
    wide = np.zeros((100, 4))
    wide[:, ::2] = Xb
    for X in (np.asfortranarray(Xb), wide[:, ::2], Xb.tolist()):
        np.testing.assert_array_equal(linear_regression_gd(X, y, theta0, learning_rate=0.1, max_iter=20).path,
                                      reference.path)
    for theta, cost in zip(reference.path, reference.costs):
        assert cost == pytest.approx(mse_cost(Xb, y, theta), rel=1e-12)
    np.testing.assert_array_equal(Xb, X_before)
    np.testing.assert_array_equal(y, y_before)


def test_a_gradient_given_as_a_list_works_like_an_array():
    as_list = gradient_descent(lambda x: [2 * x[0], 4 * x[1]], [1.0, 1.0], learning_rate=0.1, max_iter=30)
    as_array = gradient_descent(lambda x: np.array([2, 4]) * x, [1.0, 1.0], learning_rate=0.1, max_iter=30)
    np.testing.assert_array_equal(as_list.path, as_array.path)
