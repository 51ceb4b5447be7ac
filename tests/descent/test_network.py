"""The network of the chapter "신경망": backpropagation against finite differences,
the forward pass and loss against scikit-learn's MLPClassifier given the same
weights, training that separates XOR, the Playground data, clear errors."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import log_loss as sklearn_log_loss
from sklearn.neural_network import MLPClassifier

from descent import network as nw
from descent.datasets import PLAYGROUND_KINDS, make_playground
from descent.logistic import log_loss as logistic_log_loss

PLAYGROUND = [2, 4, 2, 1]


def relative_error(a, b) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖), the gradient check's measure."""
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


@st.composite
def networks(draw):
    """A random small network (1 to 3 hidden layers), its parameters and data."""
    hidden = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3))
    n_in, m = draw(st.integers(1, 3)), draw(st.integers(1, 12))
    sizes = [n_in, *hidden, 1]
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    theta = nw.init_params(sizes, rng, scale=draw(st.floats(0.2, 3.0)))
    X = rng.normal(size=(m, n_in)) * draw(st.floats(0.1, 3.0))
    y = rng.integers(0, 2, m).astype(float)
    return sizes, theta, X, y


@settings(max_examples=60, deadline=None)
@given(problem=networks())
def test_backpropagation_equals_central_differences_tanh(problem):
    sizes, theta, X, y = problem
    gradient = nw.backward(X, y, theta, sizes, activation="tanh")
    numerical = nw.numerical_gradient(lambda t: nw.log_loss(X, y, t, sizes, activation="tanh"), theta, h=1e-6)
    # an all-zero gradient is possible (e.g. saturated units): then both must be ~0
    assert relative_error(gradient, numerical) <= 1e-7 or np.abs(gradient - numerical).max() < 1e-9


@pytest.mark.parametrize("seed", range(5))
def test_backpropagation_equals_central_differences_relu(seed):
    # away from the kinks of ReLU (no |Z| within h of 0 for these seeds) the check is as tight as for tanh
    X, y = make_playground("xor", 40, random_state=seed)
    theta = nw.init_params([2, 5, 3, 1], seed)
    gradient = nw.backward(X, y, theta, [2, 5, 3, 1], activation="relu")
    numerical = nw.numerical_gradient(lambda t: nw.log_loss(X, y, t, [2, 5, 3, 1], activation="relu"), theta)
    assert relative_error(gradient, numerical) <= 1e-7


def test_the_gradient_check_catches_the_classic_mistakes():
    X, y = make_playground("circle", 50, random_state=0)
    theta = nw.init_params(PLAYGROUND, 0)
    good = nw.backward(X, y, theta, PLAYGROUND)
    numerical = nw.numerical_gradient(lambda t: nw.log_loss(X, y, t, PLAYGROUND), theta)
    assert relative_error(good, numerical) < 1e-8
    assert relative_error(-good, numerical) == pytest.approx(1.0)  # a wrong sign: error 1
    assert relative_error(good * len(y), numerical) > 0.9  # the 1/m forgotten


def test_a_one_layer_network_is_logistic_regression():
    X, y = make_playground("gauss", 60, noise=0.3, random_state=2)
    theta = np.array([0.3, -0.7, 0.1])  # [w1, w2, b] in the network's layout
    X_b = np.column_stack([np.ones(len(X)), X])
    theta_logistic = np.r_[theta[2], theta[:2]]
    assert nw.log_loss(X, y, theta, [2, 1]) == pytest.approx(logistic_log_loss(X_b, y, theta_logistic), rel=1e-14)


def test_unpack_gives_views_in_layer_order_and_pack_inverts_it():
    theta = np.arange(nw.n_params(PLAYGROUND), dtype=float)
    layers = nw.unpack(theta, PLAYGROUND)
    assert [(W.shape, b.shape) for W, b in layers] == [((2, 4), (4,)), ((4, 2), (2,)), ((2, 1), (1,))]
    np.testing.assert_array_equal(layers[0][0], [[0, 1, 2, 3], [4, 5, 6, 7]])
    np.testing.assert_array_equal(layers[0][1], [8, 9, 10, 11])
    layers[1][1][...] = -1  # a view: theta changes
    assert theta[20] == theta[21] == -1
    np.testing.assert_array_equal(nw.pack([W for W, _ in layers], [b for _, b in layers]), theta)
    assert nw.n_params(PLAYGROUND) == 2 * 4 + 4 + 4 * 2 + 2 + 2 * 1 + 1 == 25


def fitted_mlp(X, y, hidden, activation, **kwargs):
    clf = MLPClassifier(hidden, activation=activation, alpha=0.0, solver="sgd", max_iter=1, random_state=0, **kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return clf.fit(X, y)


def set_weights(clf, theta, sizes):
    for (W, b), coef, intercept in zip(nw.unpack(theta, sizes), clf.coefs_, clf.intercepts_):
        coef[...], intercept[...] = W, b


@pytest.mark.parametrize("activation", nw.ACTIVATIONS)
@pytest.mark.parametrize("sizes", [[2, 4, 2, 1], [2, 3, 1], [2, 6, 5, 4, 1]])
def test_forward_and_loss_equal_mlpclassifier_given_the_same_weights(sizes, activation):
    X, y = make_playground("spiral", 80, noise=0.2, random_state=4)
    clf = fitted_mlp(X, y, tuple(sizes[1:-1]), activation)
    theta = nw.init_params(sizes, 7)
    set_weights(clf, theta, sizes)
    np.testing.assert_array_equal(nw.pack(clf.coefs_, clf.intercepts_), theta)
    p = nw.predict_proba(X, theta, sizes, activation=activation)
    np.testing.assert_allclose(clf.predict_proba(X)[:, 1], p, rtol=1e-12, atol=1e-15)
    assert nw.log_loss(X, y, theta, sizes, activation=activation) == pytest.approx(
        sklearn_log_loss(y, clf.predict_proba(X)), rel=1e-12)


def test_full_batch_training_follows_mlpclassifier_step_by_step():
    # plain full-batch gradient descent is MLPClassifier's sgd with momentum 0, alpha 0, constant rate
    X, y = make_playground("circle", 100, noise=0.1, random_state=1)
    theta0 = nw.init_params(PLAYGROUND, 3)
    ours = nw.network_gd(X, y, PLAYGROUND, theta0=theta0, learning_rate=0.1, max_iter=30)
    clf = fitted_mlp(X, y, (4, 2), "tanh", batch_size=len(X), learning_rate_init=0.1, momentum=0.0,
                     shuffle=False, tol=0.0, n_iter_no_change=100, warm_start=True)
    set_weights(clf, theta0, PLAYGROUND)
    clf.max_iter = 30
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    # loss_curve_ keeps the first fit's epoch, then one loss per epoch, taken before that epoch's update
    np.testing.assert_allclose(clf.loss_curve_[1:], ours.cost_per_epoch[:-1], rtol=1e-10)
    np.testing.assert_allclose(nw.pack(clf.coefs_, clf.intercepts_), ours.theta, rtol=1e-9, atol=1e-12)


def test_training_separates_xor():
    X, y = make_playground("xor", 200, random_state=0)
    run = nw.network_gd(X, y, PLAYGROUND, rule="adam", learning_rate=0.01, max_iter=200, batch_size=10, random_state=0)
    assert run.n_iter == 200 and run.path.shape == (201, 25)
    assert run.cost_per_epoch[-1] < 0.05 * run.cost_per_epoch[0]
    X_test, y_test = make_playground("xor", 200, random_state=1)
    assert np.mean((nw.predict_proba(X_test, run.theta, PLAYGROUND) > 0.5) == y_test) >= 0.97


def test_all_zero_start_moves_only_the_output_bias():
    X, y = make_playground("circle", 100, random_state=0)
    run = nw.network_gd(X, y, PLAYGROUND, theta0=np.zeros(25), learning_rate=0.3, max_iter=20)
    moved = np.flatnonzero(run.theta != 0)
    np.testing.assert_array_equal(moved, [24])  # b of the output


def test_equal_start_keeps_the_hidden_units_equal():
    X, y = make_playground("circle", 100, random_state=0)
    run = nw.network_gd(X, y, PLAYGROUND, theta0=np.full(25, 0.5), learning_rate=0.3, max_iter=50)
    (W1, b1), (W2, b2), _ = nw.unpack(run.theta, PLAYGROUND)
    assert np.ptp(W1, axis=1).max() < 1e-12 and np.ptp(b1) < 1e-12  # four copies of one unit
    assert np.ptp(W2, axis=1).max() < 1e-12 and np.ptp(b2) < 1e-12
    assert np.abs(run.theta - 0.5).max() > 0.01  # and yet they learned


def test_init_params_draws_glorot_uniform():
    theta = nw.init_params([2, 400, 1], 0)
    (W1, b1), (W2, _) = nw.unpack(theta, [2, 400, 1])
    bound = np.sqrt(6 / 402)
    assert np.abs(W1).max() <= bound and np.abs(W1).max() > 0.95 * bound
    assert np.abs(b1).max() <= bound and np.abs(W2).max() <= np.sqrt(6 / 401)
    np.testing.assert_array_equal(nw.init_params([2, 4, 1], 5, scale=0.0), np.zeros(17))
    np.testing.assert_array_equal(nw.init_params([2, 4, 1], 5, scale=2.0), 2 * nw.init_params([2, 4, 1], 5))


@pytest.mark.parametrize("kind", PLAYGROUND_KINDS)
def test_playground_data_sets(kind):
    X, y = make_playground(kind, 101, random_state=0)
    assert X.shape == (101, 2) and y.shape == (101,) and set(np.unique(y)) == {0.0, 1.0}
    assert np.abs(X).max() <= 6
    np.testing.assert_array_equal(make_playground(kind, 101, random_state=0)[0], X)
    if kind == "circle":
        np.testing.assert_array_equal(y, np.hypot(*X.T) < 2.5)
    if kind == "xor":
        np.testing.assert_array_equal(y, X[:, 0] * X[:, 1] >= 0)
        assert np.abs(X).min() >= 0.3
    if kind in ("gauss", "spiral"):
        assert y.sum() == 51


def test_playground_noise_flips_labels_near_the_boundary():
    X, y = make_playground("circle", 400, noise=0.5, random_state=0)
    inside = np.hypot(*X.T) < 2.5
    assert 0 < np.mean(y != inside) < 0.5


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: nw.n_params([2, 4, 2]), ValueError, "must end in 1"),
        (lambda: nw.n_params([2]), ValueError, "at least 2 layers"),
        (lambda: nw.n_params([2, 0, 1]), ValueError, r"layer_sizes\[1\] must be at least 1"),
        (lambda: nw.n_params([2, 4.0, 1]), TypeError, r"layer_sizes\[1\] must be an integer"),
        (lambda: nw.n_params("241"), TypeError, "layer_sizes must be a list"),
        (lambda: nw.log_loss([[0.0, 1.0, 2.0]], [1], np.zeros(25), PLAYGROUND), ValueError,
         "X has 3 columns but layer_sizes"),
        (lambda: nw.log_loss([[0.0, 1.0]], [2], np.zeros(25), PLAYGROUND), ValueError, "y must hold class labels 0 and 1"),
        (lambda: nw.log_loss([[0.0, 1.0]], [1, 0], np.zeros(25), PLAYGROUND), ValueError, "X has 1 rows but y has 2"),
        (lambda: nw.backward([[0.0, 1.0]], [1], np.zeros(17), PLAYGROUND), ValueError,
         r"theta must have 25 entries \(the weights and biases of layer_sizes \[2, 4, 2, 1\]\)"),
        (lambda: nw.forward([[0.0, 1.0]], np.zeros(25), PLAYGROUND, activation="sigmoid"), ValueError,
         "activation must be 'tanh' or 'relu'"),
        (lambda: nw.pack([np.zeros((2, 4)), np.zeros((3, 1))], [np.zeros(4), np.zeros(1)]), ValueError,
         r"weights\[1\] must have 4 rows"),
        (lambda: nw.init_params(PLAYGROUND, 0, scale=-1), ValueError, "scale must be a non-negative"),
        (lambda: nw.numerical_gradient(3.0, [1.0]), TypeError, "cost must be callable"),
        (lambda: nw.network_gd([[0.0, 1.0]], [1], PLAYGROUND, theta0=np.full(25, 1e308)), ValueError, "theta0"),
        (lambda: make_playground("moons"), ValueError, "kind must be 'circle' or 'xor' or 'gauss' or 'spiral'"),
        (lambda: make_playground("xor", noise=0.8), ValueError, "noise must be at most 0.5"),
    ],
)
def test_each_mistake_gets_its_own_message(call, error, message):
    with pytest.raises(error, match=message):
        call()
