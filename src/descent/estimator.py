"""Linear regression by gradient descent as a scikit-learn estimator.

Its own module, so that ``import descent`` does not import scikit-learn
(about a second of CPU in every chapter's kernel): ``descent.GDRegressor``
imports this module on first use.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state as sklearn_random_state
from sklearn.utils.validation import check_is_fitted, validate_data

from ._validation import check_bool, check_choice, check_count, check_positive, to_float_array
from .models import add_intercept, predict
from .optimizers import _linear_regression_gd


def _draw_seed(random_state) -> int:
    """A seed for the shuffling drawn from ``random_state``, as ``SGDRegressor`` does
    (so that a ``RandomState`` instance works as well as an integer)."""
    if random_state is not None and not isinstance(random_state, np.random.RandomState):
        if isinstance(random_state, bool) or not isinstance(random_state, numbers.Integral):
            raise TypeError(
                f"random_state must be None, an integer or a numpy RandomState, got {type(random_state).__name__}"
            )
        check_count(random_state, "random_state", minimum=0, maximum=2**32 - 1)
    return int(sklearn_random_state(random_state).randint(np.iinfo(np.int32).max))


def _sklearn_input(estimator, call: str, names: str, *args, **kwargs):
    """scikit-learn's checks of estimator input (DataFrames, sparse, dtypes, NaN,
    feature names), with the failing argument named in the message."""
    try:
        return validate_data(estimator, *args, dtype=np.float64, **kwargs)
    except TypeError as exc:
        raise TypeError(f"{type(estimator).__name__}.{call}: bad {names}: {exc}") from exc
    except (ValueError, OverflowError) as exc:  # OverflowError: an int beyond the float range
        raise ValueError(f"{type(estimator).__name__}.{call}: bad {names}: {exc}") from exc


class GDRegressor(RegressorMixin, BaseEstimator):
    """Linear regression fitted by gradient descent, as a scikit-learn estimator.

    Minimizes the mean squared error
    :math:`J(w, b) = \\frac{1}{2m} \\sum_{i=1}^{m} (x_i^\\top w + b - y_i)^2`
    with a constant learning rate :math:`\\eta_0`. Each update uses one batch
    :math:`B` of the samples,

    .. math::

        w &\\leftarrow w - \\eta_0 \\, \\frac{1}{|B|} \\sum_{i \\in B} (x_i^\\top w + b - y_i) \\, x_i, \\\\
        b &\\leftarrow b - \\eta_0 \\, \\frac{1}{|B|} \\sum_{i \\in B} (x_i^\\top w + b - y_i),

    starting from :math:`w = 0, b = 0`. It is :func:`descent.optimizers.linear_regression_gd`
    on the design matrix ``[1, X]``, with the parameter names of scikit-learn's
    ``SGDRegressor`` (which, with ``batch_size=1``, ``shuffle=False``,
    ``penalty=None`` and ``learning_rate="constant"``, makes the same updates).

    Parameters
    ----------
    learning_rate : {"constant"}, default="constant"
        The learning-rate schedule. Only the constant step of the book is
        offered; the name is kept for ``SGDRegressor`` compatibility.
    eta0 : float, default=0.01
        The learning rate :math:`\\eta_0 > 0`.
    max_iter : int, default=1000
        Most epochs (passes over the data).
    tol : float or None, default=1e-3
        Stop once the training cost :math:`J` at the end of an epoch has not
        gone below ``best_cost - tol`` for ``n_iter_no_change`` epochs in a
        row, as ``SGDRegressor`` does. ``None`` runs all ``max_iter`` epochs.
    n_iter_no_change : int, default=5
        Epochs without improvement before stopping.
    batch_size : int or None, default=None
        Samples per update. ``None`` uses every sample (batch gradient
        descent, one update per epoch); ``1`` is stochastic gradient descent.
        A ``batch_size`` larger than the number of samples is clipped to it,
        as in ``MLPRegressor``, so one estimator fits folds of any size.
    shuffle : bool, default=True
        Shuffle the samples every epoch (when ``batch_size`` is below the
        number of samples).
    random_state : int, RandomState instance or None, default=None
        Seed of the shuffling.
    fit_intercept : bool, default=True
        Fit :math:`b`; with ``False`` the line goes through the origin.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The weights :math:`w`.
    intercept_ : float
        The intercept :math:`b` (0.0 when ``fit_intercept=False``).
    n_iter_ : int
        Epochs run.
    loss_curve_ : ndarray, one value per epoch run
        Training cost :math:`J` after each epoch.
    diverged_at_ : int or None
        The update at which the cost blew up (a :class:`~descent.optimizers.DivergenceWarning`
        was emitted and the coefficients are those of the update before), or ``None``.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of str, one name per feature
        Column names, when ``X`` had string column names.

    Notes
    -----
    The defaults are ``SGDRegressor``'s. With full batches an epoch is a
    single update, so ``tol=1e-3`` can end the run well before the minimum;
    standardize the features and raise ``eta0``, lower ``tol``, or pass
    ``tol=None`` to run all ``max_iter`` epochs. A constant step diverges when
    ``eta0`` exceeds 2 divided by the largest eigenvalue of
    :math:`X_1^\\top X_1 / m` (:math:`X_1` is ``X`` with a column of ones).

    Examples
    --------
    >>> from descent import GDRegressor, make_linear_data
    >>> X, y, _ = make_linear_data()
    >>> model = GDRegressor(eta0=0.1, tol=None, max_iter=2000).fit(X, y)
    >>> print(f"b = {model.intercept_:.3f}, w = {model.coef_[0]:.3f}")
    b = 4.222, w = 2.968
    """

    def __init__(
        self,
        *,
        learning_rate="constant",
        eta0=0.01,
        max_iter=1000,
        tol=1e-3,
        n_iter_no_change=5,
        batch_size=None,
        shuffle=True,
        random_state=None,
        fit_intercept=True,
    ):
        self.learning_rate = learning_rate
        self.eta0 = eta0
        self.max_iter = max_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.random_state = random_state
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        """Fit the weights and intercept by gradient descent.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Targets.

        Returns
        -------
        self : GDRegressor
            The fitted estimator.
        """
        check_choice(self.learning_rate, "learning_rate", ("constant",))
        eta0 = check_positive(self.eta0, "eta0")
        max_iter = check_count(self.max_iter, "max_iter")
        tol = None if self.tol is None else check_positive(self.tol, "tol", allow_zero=True)
        n_iter_no_change = check_count(self.n_iter_no_change, "n_iter_no_change")
        batch_size = None if self.batch_size is None else check_count(self.batch_size, "batch_size")
        shuffle = check_bool(self.shuffle, "shuffle")
        fit_intercept = check_bool(self.fit_intercept, "fit_intercept")
        seed = _draw_seed(self.random_state)
        X, y = _sklearn_input(self, "fit(X, y)", "X or y", X, y, y_numeric=True)
        y = to_float_array(y, "y", copy=False)  # y_numeric leaves strings as they are; finiteness was checked

        n_samples = X.shape[0]
        design = add_intercept(X) if fit_intercept else X
        run = _linear_regression_gd(  # X and y were checked by scikit-learn's validate_data just above
            design,
            y,
            np.zeros(design.shape[1]),
            rule="plain",
            learning_rate=eta0,
            max_iter=max_iter,
            batch_size=None if batch_size is None else min(batch_size, n_samples),
            shuffle=shuffle,
            random_state=seed,
            history="epoch",
            tol=tol,
            n_iter_no_change=n_iter_no_change,
        )
        self.coef_ = run.theta[1:] if fit_intercept else run.theta
        self.intercept_ = float(run.theta[0]) if fit_intercept else 0.0
        self.n_iter_ = run.n_iter
        self.loss_curve_ = run.cost_per_epoch[1:]
        self.diverged_at_ = run.diverged_at
        if tol is not None and not run.converged and run.diverged_at is None:
            warnings.warn(
                f"gradient descent stopped at max_iter={max_iter} epochs before the cost settled "
                f"(tol={tol}); increase max_iter or eta0",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self

    def predict(self, X):
        """Predictions :math:`X w + b`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = _sklearn_input(self, "predict(X)", "X", X, reset=False)
        return predict(X, self.coef_) + self.intercept_
