"""Step rules and schedules against their oracles: scikit-learn's own optimizers, the textbook
updates written out, and the closed-form rates of momentum on a quadratic."""

import numpy as np
import pytest
from sklearn.neural_network._stochastic_optimizers import AdamOptimizer, SGDOptimizer

from descent import descend
from descent.rules import (AdaGrad, Adam, Cosine, InverseTime, Momentum, Nesterov, Plain, RMSProp, StepDecay,
                           as_rule)


def gradients(n_steps=50, size=3, seed=0):
    """A fixed sequence of gradients of mixed scale, as a run would produce."""
    return np.random.default_rng(seed).normal(size=(n_steps, size)) * np.array([1.0, 10.0, 0.01])


def replay(rule, grads, theta0, alpha):
    """The iterates of theta <- theta - rule.step(g, alpha) for a given gradient sequence."""
    rule.start(theta0)
    path = [theta0]
    for g in grads:
        path.append(path[-1] - rule.step(g, alpha))
    return np.array(path)


def replay_sklearn(optimizer_class, grads, theta0, **settings):
    theta = theta0.copy()
    optimizer = optimizer_class([theta], **settings)
    path = [theta0]
    for g in grads:
        optimizer.update_params([theta], [g])  # in place
        path.append(theta.copy())
    return np.array(path)


@pytest.mark.parametrize("rule_class, nesterov", [(Momentum, False), (Nesterov, True)])
@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9])
def test_momentum_and_nesterov_match_scikit_learn(rule_class, nesterov, beta):
    grads, theta0 = gradients(), np.array([1.0, -2.0, 3.0])
    ours = replay(rule_class(beta), grads, theta0, 0.05)
    theirs = replay_sklearn(SGDOptimizer, grads, theta0, learning_rate_init=0.05, momentum=beta, nesterov=nesterov)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)


def test_momentum_with_beta_zero_is_plain_descent():
    grads, theta0 = gradients(), np.zeros(3)
    np.testing.assert_array_equal(replay(Momentum(0.0), grads, theta0, 0.1), replay(Plain(), grads, theta0, 0.1))


def test_adam_matches_scikit_learn():
    grads, theta0 = gradients(200), np.array([0.5, 0.5, 0.5])
    # scikit-learn adds epsilon to sqrt(v) before the bias correction of v, the paper to sqrt(v_hat):
    # with a negligible epsilon the two are the same update.
    ours = replay(Adam(0.9, 0.999, 1e-300), grads, theta0, 0.01)
    theirs = replay_sklearn(AdamOptimizer, grads, theta0, learning_rate_init=0.01, epsilon=1e-300)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-14)
    # with the default epsilon they differ by far less than a step
    default = replay(Adam(), grads, theta0, 0.01)
    theirs = replay_sklearn(AdamOptimizer, grads, theta0, learning_rate_init=0.01)
    np.testing.assert_allclose(default, theirs, rtol=1e-5)


def test_adam_bias_correction_makes_the_first_step_alpha_sized():
    # Uncorrected, the first step would be (1 - beta1) / sqrt(1 - beta2), about 3.2 times alpha, in every
    # coordinate; corrected it is alpha (epsilon aside), whatever the gradient's scale.
    rule = Adam()
    rule.start(np.zeros(3))
    step = rule.step(np.array([1e-3, 5.0, -40.0]), 0.1)
    np.testing.assert_allclose(np.abs(step), 0.1, rtol=1e-4)


def test_adagrad_and_rmsprop_follow_their_textbook_updates():
    grads, theta0, alpha, eps = gradients(), np.array([1.0, 1.0, 1.0]), 0.1, 1e-8
    theta, squares, expected = theta0.copy(), np.zeros(3), [theta0]
    for g in grads:  # AdaGrad, Duchi et al. (2011)
        squares = squares + g * g
        theta = theta - alpha * g / (np.sqrt(squares) + eps)
        expected.append(theta)
    np.testing.assert_allclose(replay(AdaGrad(eps), grads, theta0, alpha), expected, rtol=1e-12)
    theta, squares, expected = theta0.copy(), np.zeros(3), [theta0]
    for g in grads:  # RMSProp, Tieleman and Hinton (2012)
        squares = 0.8 * squares + 0.2 * g * g
        theta = theta - alpha * g / (np.sqrt(squares) + eps)
        expected.append(theta)
    np.testing.assert_allclose(replay(RMSProp(0.8, eps), grads, theta0, alpha), expected, rtol=1e-12)


def measured_rate(path: np.ndarray, start: int, window: int) -> float:
    distances = np.linalg.norm(path, axis=1)
    return float((distances[start + window] / distances[start]) ** (1 / window))


def test_tuned_momentum_reaches_its_closed_form_rate_on_a_quadratic():
    # f = (mu x^2 + L y^2) / 2, kappa = L / mu = 100: plain descent contracts by 1 - 1/kappa at alpha = 1/L
    # (the slowest direction), heavy ball by (sqrt(kappa) - 1) / (sqrt(kappa) + 1) at Polyak's alpha and beta.
    mu, L = 1.0, 100.0
    kappa = L / mu
    curvature = np.array([mu, L])
    plain = descend(lambda theta: curvature * theta, [1.0, 1.0], learning_rate=1 / L, max_iter=3000)
    assert measured_rate(plain.path, 1000, 1000) == pytest.approx(1 - 1 / kappa, rel=1e-6)
    alpha = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2
    beta = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
    heavy = descend(lambda theta: curvature * theta, [1.0, 1.0], rule=Momentum(beta), learning_rate=alpha, max_iter=1000)
    rate = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    assert measured_rate(heavy.path, 300, 600) == pytest.approx(rate, rel=3e-3)  # before the distance underflows
    assert rate < 1 - 1 / kappa


def test_every_rule_minimizes_a_quadratic_through_descend():
    curvature = np.array([1.0, 10.0])
    rates = {"plain": 0.05, "momentum": 0.05, "nesterov": 0.05, "adagrad": 1.0, "rmsprop": 0.01, "adam": 0.05}
    for name, rate in rates.items():
        run = descend(lambda theta: curvature * theta, [3.0, -2.0], rule=name, learning_rate=rate, max_iter=3000)
        assert np.linalg.norm(run.theta) < 1e-2, name


def test_a_rule_forgets_between_runs():
    rule, grad = Momentum(0.9), lambda theta: 2 * theta
    first = descend(grad, [1.0], rule=rule, learning_rate=0.1, max_iter=20)
    again = descend(grad, [1.0], rule=rule, learning_rate=0.1, max_iter=20)
    np.testing.assert_array_equal(first.path, again.path)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Momentum(1.0), "beta must be a number in \\[0, 1\\)"),
        (lambda: Nesterov(-0.1), "beta must be a number in \\[0, 1\\)"),
        (lambda: RMSProp(rho=1.5), "rho must be a number in \\[0, 1\\)"),
        (lambda: Adam(beta2=1.0), "beta2 must be a number in \\[0, 1\\)"),
        (lambda: AdaGrad(epsilon=0.0), "epsilon must be a positive finite number"),
        (lambda: Adam(epsilon=-1e-8), "epsilon must be a positive finite number"),
        (lambda: InverseTime(0.1, decay=-1.0), "decay must be a non-negative finite number"),
        (lambda: StepDecay(0.1, factor=2.0), "factor must be in \\(0, 1\\]"),
        (lambda: Cosine(0.1, 10, min_learning_rate=0.5), "min_learning_rate must be at most learning_rate"),
        (lambda: as_rule("sgd"), "rule must be a StepRule or one of 'plain'"),
    ],
)
def test_bad_settings_get_clear_errors(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_schedules_follow_their_formulas():
    step = StepDecay(0.8, factor=0.5, every=10)
    assert [step(k) for k in (0, 9, 10, 25)] == [0.8, 0.8, 0.4, 0.2]
    inverse = InverseTime(1.0, decay=0.5)
    assert [inverse(k) for k in (0, 2, 8)] == [1.0, 0.5, 0.2]
    cosine = Cosine(1.0, 100, min_learning_rate=0.1)
    assert cosine(0) == 1.0 and cosine(50) == pytest.approx(0.55) and cosine(100) == cosine(500) == pytest.approx(0.1)


def test_a_decaying_rate_lets_sgd_settle_where_a_fixed_one_hovers():
    # Robbins-Monro in one line: per-sample gradients of noisy data do not vanish at the minimum.
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, 200)
    y = 2 * x + rng.normal(size=200)
    X = np.column_stack([np.ones_like(x), x])
    best = np.linalg.lstsq(X, y, rcond=None)[0]
    grad = lambda theta, Xb, yb: Xb.T @ (Xb @ theta - yb) / len(yb)  # noqa: E731
    kw = dict(data=(X, y), max_iter=200, batch_size=1, random_state=0, history="epoch")
    fixed = descend(grad, [0.0, 0.0], learning_rate=0.1, **kw)
    decaying = descend(grad, [0.0, 0.0], learning_rate=InverseTime(0.1, decay=0.01), **kw)
    assert np.linalg.norm(decaying.theta - best) < np.linalg.norm(fixed.theta - best) / 5
