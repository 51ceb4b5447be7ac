"""The fast full-batch path (descent._fast) gives what the readable loop (descent.descend) gives."""

import numpy as np
import pytest

from descent import DivergenceWarning, add_intercept, descend, linear_regression_gd, load_diabetes_bmi, make_linear_data
from descent.losses import _mse_cost, _mse_gradient


def readable(X, y, theta0, **kw):
    """linear_regression_gd as the chapter reads it: the loop with the MSE gradient, no fast path."""
    return descend(_mse_gradient, theta0, data=(X, y), cost=lambda theta: _mse_cost(theta, X, y), **kw)


@pytest.mark.parametrize("problem", ["seed", "diabetes"])
def test_fast_path_equals_the_loop(problem):
    if problem == "seed":
        X, y, theta0 = make_linear_data()
        X, lr, steps = add_intercept(X), 0.1, 1000
    else:
        x, y = load_diabetes_bmi()
        X, theta0, lr, steps = add_intercept(x), np.ones(2), 1.0, 5000
    fast = linear_regression_gd(X, y, theta0, learning_rate=lr, max_iter=steps)
    slow = readable(X, y, theta0, learning_rate=lr, max_iter=steps)
    np.testing.assert_allclose(fast.path, slow.path, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(fast.costs, slow.costs, rtol=1e-12)
    assert (fast.n_iter, fast.n_updates, fast.updates_per_epoch, fast.batch_size) == \
        (slow.n_iter, slow.n_updates, slow.updates_per_epoch, slow.batch_size)
    np.testing.assert_array_equal(fast.cost_per_epoch, fast.costs)


def test_fast_path_stops_and_diverges_where_the_loop_does():
    X, y, theta0 = make_linear_data()
    X = add_intercept(X)
    fast = linear_regression_gd(X, y, theta0, learning_rate=0.1, max_iter=500, tol=1e-4, n_iter_no_change=3)
    slow = readable(X, y, theta0, learning_rate=0.1, max_iter=500, tol=1e-4, n_iter_no_change=3)
    assert fast.converged and slow.converged and fast.n_iter == slow.n_iter < 500
    with pytest.warns(DivergenceWarning) as fast_warning:
        fast = linear_regression_gd(X, y, theta0, learning_rate=2.0, max_iter=100)
    with pytest.warns(DivergenceWarning) as slow_warning:
        slow = readable(X, y, theta0, learning_rate=2.0, max_iter=100)
    assert fast.diverged_at == slow.diverged_at is not None and fast.n_updates == slow.n_updates
    assert str(fast_warning[0].message).split(":")[0] == str(slow_warning[0].message).split(":")[0]


@pytest.mark.parametrize("shuffle", [False, True])
def test_stochastic_fast_path_gives_the_loops_numbers(shuffle):
    x, y = load_diabetes_bmi()
    X, theta0 = add_intercept(x), np.ones(2)
    kw = dict(learning_rate=0.01, max_iter=20, batch_size=1, shuffle=shuffle, random_state=3, history="epoch")
    fast, slow = linear_regression_gd(X, y, theta0, **kw), readable(X, y, theta0, **kw)
    np.testing.assert_array_equal(fast.path, slow.path)  # the same operations in the same order
    np.testing.assert_array_equal(fast.costs, slow.costs)
    assert (fast.n_iter, fast.n_updates, fast.updates_per_epoch, fast.batch_size) == \
        (slow.n_iter, slow.n_updates, slow.updates_per_epoch, slow.batch_size)


def test_stochastic_fast_path_stops_and_diverges_where_the_loop_does():
    X, y, theta0 = make_linear_data()
    X = add_intercept(X)
    kw = dict(max_iter=300, batch_size=1, random_state=0, history="epoch")
    fast = linear_regression_gd(X, y, theta0, learning_rate=0.01, tol=1e-3, n_iter_no_change=3, **kw)
    slow = readable(X, y, theta0, learning_rate=0.01, tol=1e-3, n_iter_no_change=3, **kw)
    assert fast.converged and slow.converged and fast.n_iter == slow.n_iter < 300
    with pytest.warns(DivergenceWarning):
        fast = linear_regression_gd(X, y, theta0, learning_rate=1.5, **kw)
    with pytest.warns(DivergenceWarning):
        slow = readable(X, y, theta0, learning_rate=1.5, **kw)
    assert fast.diverged_at == slow.diverged_at is not None and fast.n_updates == slow.n_updates
    np.testing.assert_array_equal(fast.path, slow.path)
