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
