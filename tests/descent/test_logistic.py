"""Logistic regression against finite differences, scikit-learn and the sigmoid's own identities."""

import numpy as np
import pytest
from sklearn.datasets import make_blobs
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss as sklearn_log_loss

from descent import add_intercept
from descent.logistic import log_loss, log_loss_gradient, logistic_regression_gd, sigmoid


@pytest.fixture
def blobs():
    # Two overlapping clouds: not separable, so the minimum of the log loss is finite.
    X, y = make_blobs(n_samples=120, centers=[[-1, -1], [1, 1]], cluster_std=1.2, random_state=1)
    return add_intercept(X), y.astype(float)


def test_sigmoid_values_and_symmetry():
    z = np.array([-800.0, -2.0, 0.0, 2.0, 800.0])
    s = sigmoid(z)  # no overflow warning at +-800 (warnings are errors here)
    np.testing.assert_allclose(s, [0.0, 1 / (1 + np.exp(2)), 0.5, 1 / (1 + np.exp(-2)), 1.0], atol=1e-15)
    np.testing.assert_allclose(sigmoid(-z), 1 - s, atol=1e-15)


def test_log_loss_matches_scikit_learn(blobs):
    X, y = blobs
    theta = np.array([0.3, -0.7, 1.1])
    assert log_loss(X, y, theta) == pytest.approx(sklearn_log_loss(y, sigmoid(X @ theta)), rel=1e-12)
    assert log_loss(X, y, np.zeros(3)) == pytest.approx(np.log(2))  # p = 1/2 everywhere


def test_gradient_matches_finite_differences(blobs):
    X, y = blobs
    theta = np.array([0.2, 0.5, -0.4])
    h = 1e-6
    numeric = [(log_loss(X, y, theta + h * e) - log_loss(X, y, theta - h * e)) / (2 * h) for e in np.eye(3)]
    np.testing.assert_allclose(log_loss_gradient(X, y, theta), numeric, rtol=1e-6, atol=1e-9)


def test_gradient_descent_reaches_the_scikit_learn_fit(blobs):
    X, y = blobs
    run = logistic_regression_gd(X, y, learning_rate=1.0, max_iter=3000)
    reference = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X[:, 1:], y)
    expected = np.r_[reference.intercept_, reference.coef_.ravel()]
    np.testing.assert_allclose(run.theta, expected, rtol=1e-5)
    np.testing.assert_allclose(run.path[0], np.zeros(3))
    costs = [log_loss(X, y, theta) for theta in run.path]
    assert np.all(np.diff(costs) <= 1e-15)  # a small enough rate never increases the cost


def test_labels_must_be_zero_or_one(blobs):
    X, y = blobs
    with pytest.raises(ValueError, match="y must hold class labels 0 and 1"):
        log_loss(X, 2 * y - 1, np.zeros(3))  # labels -1/+1
    with pytest.raises(ValueError, match="theta0 must have 3 entries"):
        logistic_regression_gd(X, y, [0.0, 0.0])


def test_overflowing_scores_saturate_or_get_a_clear_error():
    # X theta = 2e308 overflows to inf, where sigmoid is exactly 1: the gradient
    # X^T (sigma - y) / m is still exact, 0 for label 1 and X^T / m for label 0.
    X, theta = [[1.0, 1.0]], [1e308, 1e308]
    np.testing.assert_array_equal(log_loss_gradient(X, [1.0], theta), [0.0, 0.0])
    np.testing.assert_array_equal(log_loss_gradient(X, [0.0], theta), [1.0, 1.0])
    # A sum of rows past the float range is no gradient; nor is log(1 + e^z) - y z at z = inf.
    with pytest.raises(ValueError, match="the gradient overflows floating point: X and theta"):
        log_loss_gradient([[1e308, 1.0], [1e308, 1.0]], [0.0, 0.0], [1.0, 1.0])
    with pytest.raises(ValueError, match="the log loss overflows floating point: X and theta"):
        log_loss(X, [0.0], theta)
