import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from descent import add_intercept, make_linear_data, normal_equation, predict


def test_add_intercept_prepends_ones():
    X = np.arange(6.0).reshape(3, 2)
    np.testing.assert_array_equal(add_intercept(X), [[1, 0, 1], [1, 2, 3], [1, 4, 5]])
    np.testing.assert_array_equal(add_intercept([2.0, 3.0]), [[1, 2], [1, 3]])


def test_normal_equation_matches_scikit_learn():
    X, y, _ = make_linear_data()
    sk = LinearRegression().fit(X, y)
    np.testing.assert_allclose(normal_equation(add_intercept(X), y), [sk.intercept_, sk.coef_[0]], rtol=1e-12)


def test_predict_is_the_line():
    np.testing.assert_allclose(predict(add_intercept([0.0, 1.0, 2.0]), [4.0, 3.0]), [4, 7, 10])
    with pytest.raises(ValueError, match="theta has 3 entries but X has 2 columns"):
        predict(add_intercept([0.0]), [1.0, 2.0, 3.0])
