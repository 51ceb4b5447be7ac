"""The cost and its gradient against independent oracles."""

import numpy as np
import pytest

from descent import add_intercept, make_linear_data, mse_cost, mse_cost_grid, mse_gradient


@pytest.fixture
def problem():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 3))
    y = rng.normal(size=30)
    theta = rng.normal(size=3)
    return X, y, theta


def test_cost_is_half_the_mean_squared_error(problem):
    X, y, theta = problem
    errors = [xi @ theta - yi for xi, yi in zip(X, y)]  # a plain loop as the oracle
    assert mse_cost(X, y, theta) == pytest.approx(sum(e * e for e in errors) / (2 * len(y)))


def test_cost_is_not_the_notebooks_m_over_2():
    # The classroom notebook's (1/2*m) multiplies by m/2; the book divides by 2m.
    X, y, theta0 = make_linear_data()
    Xb = add_intercept(X)
    sse = np.sum((Xb @ theta0 - y) ** 2)
    assert mse_cost(Xb, y, theta0) == pytest.approx(sse / 200)
    assert mse_cost(Xb, y, theta0) != pytest.approx((1 / 2 * 100) * sse)


def test_gradient_matches_central_finite_differences(problem):
    X, y, theta = problem
    h = 1e-6
    numeric = np.array(
        [(mse_cost(X, y, theta + h * e) - mse_cost(X, y, theta - h * e)) / (2 * h) for e in np.eye(3)]
    )
    np.testing.assert_allclose(mse_gradient(X, y, theta), numeric, rtol=1e-6, atol=1e-8)


def test_gradient_vanishes_at_the_least_squares_solution(problem):
    X, y, _ = problem
    theta_star, *_ = np.linalg.lstsq(X, y, rcond=None)
    np.testing.assert_allclose(mse_gradient(X, y, theta_star), 0, atol=1e-12)


def test_column_vectors_are_accepted_like_the_notebook():
    X, y, theta0 = make_linear_data()
    Xb = add_intercept(X)
    assert mse_cost(Xb, y[:, None], theta0[:, None]) == pytest.approx(mse_cost(Xb, y, theta0))


def test_cost_grid_matches_pointwise_cost():
    x = np.linspace(-1, 1, 5)
    b = np.linspace(-3, 3, 7)
    w = np.linspace(-2, 2, 4)
    grid = mse_cost_grid(x, x, b, w)
    assert grid.shape == (4, 7)
    Xb = add_intercept(x)
    for i, wi in enumerate(w):
        for j, bj in enumerate(b):
            assert grid[i, j] == pytest.approx(mse_cost(Xb, x, [bj, wi]))
    # y = x is fitted exactly by b = 0, w = 1
    assert mse_cost_grid(x, x, [0.0], [1.0])[0, 0] == 0


def pointwise_grid(x, y, b, w):
    """The oracle: mse_cost, sample by sample, at every grid point."""
    Xb = add_intercept(x)
    return np.array([[mse_cost(Xb, y, [bj, wi]) for bj in b] for wi in w])


@pytest.mark.parametrize("offset", [0.0, 1e6])
def test_cost_grid_from_moments_matches_the_pointwise_cost(offset):
    # Noisy data around y = offset + 3 x, x far from 0 too; the grid around the fit.
    rng = np.random.default_rng(2)
    x = offset / 100 + rng.normal(size=40)
    y = offset + 3 * x + rng.normal(scale=0.5, size=40)
    b = offset + np.linspace(-3, 3, 9)
    w = np.linspace(2, 4, 7)
    # Raw sums (sum y², sum x y, ...) miss by about 1e-3 at offset 1e6, the moments by 1e-10; the oracle
    # itself rounds b + w x - y at about 1e-10 absolute, hence the looser tolerance there.
    np.testing.assert_allclose(mse_cost_grid(x, y, b, w), pointwise_grid(x, y, b, w), rtol=1e-7 if offset else 1e-12)


def test_cost_grid_of_the_diabetes_contour_needs_no_sample_axis():
    from descent import load_diabetes_bmi

    x, y = load_diabetes_bmi()
    b, w = np.linspace(0, 300, 200), np.linspace(0, 1200, 200)
    grid = mse_cost_grid(x, y, b, w)  # 200 x 200 x 442 floats (141 MB) before
    every = np.s_[::37]  # a sample of the grid against the oracle
    np.testing.assert_allclose(grid[every, every], pointwise_grid(x, y, b[every], w[every]), rtol=1e-13)


@pytest.mark.parametrize(
    "X, y, theta, error, match",
    [
        (np.ones(3), np.ones(3), np.ones(1), ValueError, "X must be 2-D"),
        (np.ones((3, 2)), np.ones(4), np.ones(2), ValueError, "3 rows but y has 4"),
        (np.ones((3, 2)), np.ones(3), np.ones(3), ValueError, "theta must have 2 entries"),
        (np.full((3, 2), np.nan), np.ones(3), np.ones(2), ValueError, "X contains NaN"),
        (np.ones((3, 2)), [1, np.inf, 2], np.ones(2), ValueError, "y contains NaN or infinity"),
        ("abc", np.ones(3), np.ones(2), TypeError, "X must be array-like"),
    ],
)
def test_bad_input_gets_a_clear_error(X, y, theta, error, match):
    with pytest.raises(error, match=match):
        mse_cost(X, y, theta)
    with pytest.raises(error, match=match):
        mse_gradient(X, y, theta)
