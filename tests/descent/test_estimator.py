"""GDRegressor follows scikit-learn's conventions and fits what its oracles fit."""

import doctest
import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_regression
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, SGDRegressor
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

import descent
import descent.estimator
from descent import DivergenceWarning, GDRegressor, add_intercept, make_linear_data, mse_cost

#: These checks fit on X ~ N(100, 1): the squared feature scale (about 10^4)
#: times the default eta0 = 0.01 is far beyond the stable step 2, so constant-step
#: gradient descent diverges, as the textbook says it must. The estimator warns,
#: keeps finite coefficients, and the checks (idempotence, n_features_in_,
#: check_is_fitted) still hold; the divergence is asserted, not hidden.
DIVERGES_ON_UNSCALED_DATA = {"check_fit_idempotent", "check_fit_check_is_fitted", "check_n_features_in"}


@parametrize_with_checks([GDRegressor()])
def test_scikit_learn_estimator_checks(estimator, check, monkeypatch):
    # check_array_api_input runs only when this variable is set (scipy reads it at import,
    # but with NumPy inputs, the only ones used here, nothing depends on it).
    monkeypatch.setenv("SCIPY_ARRAY_API", "1")
    if getattr(check, "func", check).__name__ in DIVERGES_ON_UNSCALED_DATA:
        with pytest.warns(DivergenceWarning):
            check(estimator)
    else:
        check(estimator)


@pytest.fixture
def seed_data():
    X, y, _ = make_linear_data()
    return X, y


@pytest.fixture
def scaled_problem():
    X, y = make_regression(n_samples=200, n_features=4, noise=5.0, bias=3.0, random_state=0)
    return StandardScaler().fit_transform(X), y / y.std()


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_batch_gd_reaches_the_least_squares_fit(scaled_problem, fit_intercept):
    X, y = scaled_problem
    model = GDRegressor(eta0=0.3, max_iter=3000, tol=None, fit_intercept=fit_intercept).fit(X, y)
    oracle = LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    np.testing.assert_allclose(model.coef_, oracle.coef_, atol=1e-9)
    assert model.intercept_ == pytest.approx(oracle.intercept_, abs=1e-9)
    np.testing.assert_allclose(model.predict(X), oracle.predict(X), atol=1e-8)
    assert model.score(X, y) == pytest.approx(oracle.score(X, y))


def test_stochastic_gd_makes_sgdregressors_updates(seed_data):
    # Unpenalized, constant-step SGDRegressor in sample order makes exactly the book's per-sample updates.
    X, y = seed_data
    ours = GDRegressor(eta0=0.01, max_iter=7, tol=None, batch_size=1, shuffle=False).fit(X, y)
    oracle = SGDRegressor(penalty=None, learning_rate="constant", eta0=0.01, max_iter=7, tol=None, shuffle=False)
    oracle.fit(X, y)
    np.testing.assert_allclose(ours.coef_, oracle.coef_, rtol=1e-12)
    assert ours.intercept_ == pytest.approx(oracle.intercept_[0], rel=1e-12)
    assert ours.n_iter_ == oracle.n_iter_ == 7


def test_it_is_linear_regression_gd_on_a_design_matrix(seed_data):
    X, y = seed_data
    model = GDRegressor(eta0=0.05, max_iter=40, tol=None, batch_size=16, random_state=5).fit(X, y)
    seed = np.random.RandomState(5).randint(np.iinfo(np.int32).max)  # drawn as SGDRegressor draws it
    run = descent.linear_regression_gd(
        add_intercept(X), y, learning_rate=0.05, max_iter=40, batch_size=16, random_state=int(seed), history="epoch"
    )
    np.testing.assert_array_equal([model.intercept_, *model.coef_], run.theta)
    np.testing.assert_array_equal(model.loss_curve_, run.cost_per_epoch[1:])
    assert model.loss_curve_[-1] == pytest.approx(mse_cost(add_intercept(X), y, run.theta))


def test_early_stopping_and_its_warning(seed_data):
    X, y = seed_data
    stopped = GDRegressor(eta0=0.1, tol=1e-4, max_iter=1000).fit(X, y)
    assert 5 < stopped.n_iter_ < 1000 and len(stopped.loss_curve_) == stopped.n_iter_
    # The cost falls every epoch, so "no progress" means five last drops each smaller than tol.
    assert np.all(np.diff(stopped.loss_curve_[-6:]) > -1e-4) and np.diff(stopped.loss_curve_[-7:-5])[0] <= -1e-4
    with pytest.warns(ConvergenceWarning, match="max_iter=3"):
        GDRegressor(eta0=0.1, tol=1e-4, max_iter=3).fit(X, y)


def test_divergence_is_warned_and_recorded(seed_data):
    X, y = seed_data
    with pytest.warns(DivergenceWarning):
        model = GDRegressor(eta0=5.0, tol=None).fit(X, y)
    assert model.diverged_at_ is not None and model.n_iter_ == model.diverged_at_ - 1
    assert np.all(np.isfinite(model.coef_)) and np.isfinite(model.intercept_)
    assert np.all(np.isfinite(model.predict(X)))
    assert GDRegressor(eta0=0.1).fit(X, y).diverged_at_ is None


def test_parameters_clone_pickle_and_pipelines(seed_data):
    X, y = seed_data
    model = GDRegressor(eta0=0.1, batch_size=8, random_state=0)
    assert model.get_params()["eta0"] == 0.1 and model.set_params(max_iter=50) is model
    assert clone(model).get_params() == model.get_params()
    fitted = model.fit(X, y)
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(fitted)).predict(X), fitted.predict(X))
    scores = cross_val_score(make_pipeline(StandardScaler(), GDRegressor(eta0=0.1)), X, y, cv=3)
    assert np.all(scores > 0.6)
    # An int batch_size larger than a fold is clipped to it, as in MLPRegressor.
    big = GDRegressor(eta0=0.1, batch_size=1000, shuffle=False, tol=None, max_iter=30).fit(X, y)
    full = GDRegressor(eta0=0.1, tol=None, max_iter=30).fit(X, y)
    np.testing.assert_array_equal(big.coef_, full.coef_)


@pytest.mark.parametrize("module", [descent.estimator, descent.optimizers, descent.datasets])
def test_docstring_examples_run(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
