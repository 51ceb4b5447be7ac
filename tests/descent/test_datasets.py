import numpy as np
import pytest
from sklearn.datasets import load_diabetes

from descent import load_diabetes_bmi, make_linear_data


def test_linear_data_reproduces_the_classroom_notebook():
    # The notebook's own code, run on the global legacy generator, is the oracle.
    state = np.random.get_state()
    try:
        np.random.seed(0)
        X = 2 * np.random.rand(100, 1)
        y = 4 + 3 * X + np.random.randn(100, 1)
        theta = np.random.randn(2, 1)
    finally:
        np.random.set_state(state)
    data = make_linear_data()
    np.testing.assert_array_equal(data.X, X)
    np.testing.assert_array_equal(data.y, y[:, 0])
    np.testing.assert_array_equal(data.theta0, theta[:, 0])


def test_linear_data_follows_its_line():
    X, y, _ = make_linear_data(n_samples=20_000, random_state=3)
    slope, intercept = np.polyfit(X[:, 0], y, 1)
    assert intercept == pytest.approx(4, abs=0.05)
    assert slope == pytest.approx(3, abs=0.05)
    assert 0 <= X.min() and X.max() < 2


def test_diabetes_bmi_is_the_third_column():
    x, y = load_diabetes_bmi()
    data = load_diabetes()
    np.testing.assert_array_equal(x, data.data[:, 2])
    np.testing.assert_array_equal(y, data.target)
    assert x.shape == y.shape == (442,)


@pytest.mark.parametrize("kwargs, match", [({"n_samples": 0}, "n_samples must be at least 1"), ({"random_state": -1}, "random_state")])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_linear_data(**kwargs)
