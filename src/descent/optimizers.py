"""The one descent loop of the book, and the problems the chapters give it.

Every method in the book is the update

.. math::

    \\theta_{k+1} = \\theta_k - \\text{step}(g_k, \\alpha_k), \\qquad
    g_k = \\nabla J_{B_k}(\\theta_k),

where :math:`g_k` is the gradient of the cost on a batch :math:`B_k` of the
data (all of it, one row, or a mini-batch) and the step rule
(:mod:`descent.rules`) turns it into a step: :math:`\\alpha_k g_k` for plain
gradient descent, a velocity for momentum, a scaled step for Adam.
:func:`descend` runs it and returns what happened (a :class:`Descent`)
instead of printing it; :func:`gradient_descent`, :func:`linear_regression_gd`
and :func:`descent.logistic.logistic_regression_gd` hand it their gradients.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Callable, Literal

import numpy as np

from . import _fast
from ._validation import (
    as_float_array,
    check_bool,
    check_choice,
    check_count,
    check_design,
    check_finite_result,
    check_positive,
    check_random_state,
    check_theta,
    to_float_array,
)
from .losses import _mse_cost, _mse_gradient
from .rules import Plain, Schedule, as_rule, as_schedule

#: A run counts as divergent once its cost (or, without a cost, its distance
#: from the start) grows past this factor of where it began.
EXPLOSION_FACTOR = 1e12


class DivergenceWarning(RuntimeWarning):
    """Gradient descent blew up: the learning rate is too large for this problem."""


@dataclass(frozen=True)
class Descent:
    """What a run of :func:`descend` did.

    Attributes
    ----------
    path : ndarray of shape (k + 1, n), or (k + 1,) for a one-variable problem
        ``path[0]`` is the start; then the parameters after every update
        (``history="step"``) or after every epoch (``history="epoch"``).
    costs : ndarray of shape (k + 1,) or None
        The full cost at every point of ``path``; None when the problem has no cost function.
    cost_per_epoch : ndarray of shape (n_iter + 1,) or None
        The full cost at the start and after each epoch.
    n_iter : int
        Epochs (passes over the data) completed; for a problem without data, updates.
    n_updates : int
        Parameter updates made (one per batch).
    updates_per_epoch : int
        ``ceil(m / batch_size)``; 1 for a problem without data.
    batch_size : int or None
        Rows per gradient: ``m`` for batch, 1 for stochastic gradient descent; None without data.
    diverged_at : int or None
        The update whose result blew up (it is not in ``path``), or None.
    converged : bool
        True when ``tol`` ended the run before ``max_iter``.
    """

    path: np.ndarray
    costs: np.ndarray | None
    cost_per_epoch: np.ndarray | None
    n_iter: int
    n_updates: int
    updates_per_epoch: int
    batch_size: int | None
    diverged_at: int | None = None
    converged: bool = False

    @property
    def theta(self) -> np.ndarray | float:
        """The parameters reached last (a float for a one-variable problem)."""
        last = self.path[-1]
        return float(last) if np.ndim(last) == 0 else last

    @property
    def cost(self) -> float:
        """The full cost at ``theta``."""
        if self.costs is None:
            raise AttributeError("this run had no cost function (pass cost= to record it)")
        return float(self.costs[-1])


def _exploded(value: float, start: float) -> bool:
    return not math.isfinite(value) or value > EXPLOSION_FACTOR * (1.0 + start)


def _warn_divergence(step: int, what: str) -> None:
    warnings.warn(f"gradient descent diverged at update {step}: {what}; try a smaller learning_rate",
                  DivergenceWarning, stacklevel=4)


class _EarlyStop:
    """scikit-learn's ``tol`` rule: stop once ``n_iter_no_change`` epochs in a row
    ended above ``best - tol`` (``best``: the lowest end-of-epoch cost so far)."""

    def __init__(self, start: float, tol: float, n_iter_no_change: int):
        self.best, self.tol, self.patience, self.stalled = start, tol, n_iter_no_change, 0

    def __call__(self, cost: float) -> bool:
        """Record an end-of-epoch cost; True when the run should stop."""
        self.stalled = self.stalled + 1 if cost > self.best - self.tol else 0
        self.best = min(self.best, cost)
        return self.stalled >= self.patience


def _batches(data: tuple, batch_size: int, shuffle: bool, rng: np.random.Generator):
    """One epoch of batches: each a tuple of row slices of the ``data`` arrays (``()`` without data)."""
    if not data:
        yield ()
        return
    m = len(data[0])
    if shuffle and batch_size < m:  # permute once an epoch, then slice: cheaper than indexing each batch
        order = rng.permutation(m)
        data = tuple(array[order] for array in data)
    for low in range(0, m, batch_size):
        yield tuple(array[low : low + batch_size] for array in data)


def _check_gradient(g, theta: np.ndarray) -> np.ndarray:
    """What ``gradient`` returned: real numbers shaped like ``theta``."""
    g = to_float_array(g, "gradient(theta)")
    if g.shape != theta.shape:
        raise ValueError(f"gradient(theta) must have the shape of theta0 {theta.shape}, got {g.shape}")
    return g


def _as_array_valued(gradient: Callable) -> Callable:
    """``gradient`` returning float arrays (it returned a list or a number)."""
    return lambda *args: np.asarray(gradient(*args), dtype=float)


def _check_data(data) -> tuple:
    """The arrays batches are cut from: real numbers, the same number of rows (not scanned for NaN:
    a NaN in the data makes a NaN cost, reported as a divergence at the first update)."""
    if not isinstance(data, tuple):
        raise TypeError(f"data must be a tuple of arrays (such as (X, y)), got {type(data).__name__}")
    arrays = tuple(to_float_array(array, f"data[{i}]", copy=False) for i, array in enumerate(data))
    for i, array in enumerate(arrays):
        if array.ndim == 0 or len(array) == 0:
            raise ValueError(f"data[{i}] must be an array of rows, got shape {array.shape}")
        if len(array) != len(arrays[0]):
            raise ValueError(f"data arrays must have the same number of rows, got {len(arrays[0])} and {len(array)}")
    return arrays


def _check_settings(rule, learning_rate, max_iter, batch_size, m, shuffle, random_state, history, tol,
                    n_iter_no_change, cost):
    """Every setting of a run, checked in this one place (each message names its argument)."""
    step_rule, schedule = as_rule(rule), as_schedule(learning_rate)
    max_iter = check_count(max_iter, "max_iter")
    if m is None:
        batch_size = None
    else:
        batch_size = m if batch_size is None else check_count(batch_size, "batch_size")
        if batch_size > m:
            raise ValueError(f"batch_size must be at most the number of rows ({m}), got {batch_size}")
    shuffle = check_bool(shuffle, "shuffle")
    rng = check_random_state(random_state)
    per_step = check_choice(history, "history", ("step", "epoch")) == "step"
    n_iter_no_change = check_count(n_iter_no_change, "n_iter_no_change")
    if tol is not None:
        tol = check_positive(tol, "tol", allow_zero=True)
        if cost is None:
            raise ValueError("tol needs a cost function (cost=) to watch")
    return step_rule, schedule, max_iter, batch_size, shuffle, rng, per_step, tol, n_iter_no_change


def descend(
    gradient: Callable,
    theta0,
    *,
    data: tuple = (),
    cost: Callable | None = None,
    rule="plain",
    learning_rate=0.1,
    max_iter: int = 100,
    batch_size: int | None = None,
    shuffle: bool = True,
    random_state=None,
    tol: float | None = None,
    n_iter_no_change: int = 5,
    history: Literal["step", "epoch"] = "step",
) -> Descent:
    """Gradient descent: the one loop behind every method of the book.

    Each epoch visits the rows of ``data`` in batches of ``batch_size``; each
    batch gives one update

    .. math:: \\theta \\leftarrow \\theta - \\text{rule.step}\\bigl(g, \\alpha_k\\bigr), \\qquad g = \\text{gradient}(\\theta, X_B, y_B, \\dots).

    Parameters
    ----------
    gradient : callable
        ``gradient(theta, *batch)`` returns the gradient of the cost on one
        batch (the same rows of every array of ``data``), shaped like ``theta``.
        Without ``data`` it is ``gradient(theta)``.
    theta0 : float or array-like of shape (n,)
        The start.
    data : tuple of arrays with the same number of rows, optional
        The rows the batches are cut from (such as ``(X, y)``); the callers validate them.
    cost : callable, optional
        ``cost(theta)``, the full cost, recorded along the path, watched for
        divergence and used by ``tol``. Without it, divergence is a point
        running off from the start.
    rule : str or StepRule, default="plain"
        How a gradient becomes a step: a name of ``descent.rules.RULES``
        ("plain", "momentum", "nesterov", "adagrad", "rmsprop", "adam") or a
        rule with its settings, such as ``Momentum(beta=0.5)``.
    learning_rate : float or Schedule, default=0.1
        :math:`\\alpha > 0`, or a schedule :math:`\\alpha_k` of the update count
        (:class:`~descent.rules.StepDecay`, :class:`~descent.rules.InverseTime`, :class:`~descent.rules.Cosine`).
    max_iter : int, default=100
        Epochs (passes over the data); without data, updates.
    batch_size : int, optional
        Rows per update, 1 to m; None means all m rows (batch gradient descent).
    shuffle : bool, default=True
        Visit the rows in a new random order each epoch (when a batch is smaller than m).
    random_state : int, numpy Generator or None
        Seed of the shuffling.
    tol : float, optional
        Early stopping as scikit-learn's ``SGDRegressor``: stop once the cost at
        the end of an epoch has failed to go below ``best - tol``
        ``n_iter_no_change`` epochs in a row. Needs ``cost``.
    n_iter_no_change : int, default=5
        Epochs without improvement before stopping (with ``tol``).
    history : {"step", "epoch"}, default="step"
        Record the parameters (and cost) after every update, or only after
        every epoch (cheaper when there are many updates).

    Returns
    -------
    Descent
        A run that blows up (a cost, or a point, non-finite or past
        ``EXPLOSION_FACTOR`` times its start) stops at that update with a
        :class:`DivergenceWarning`, and ``diverged_at`` names the update, the
        same with either ``history``.

    Raises
    ------
    ValueError, TypeError
        For bad arguments (the message names the argument), and when
        ``gradient`` returns something not shaped like ``theta0``.
    """
    if not callable(gradient):
        raise TypeError(f"gradient must be callable, got {type(gradient).__name__}")
    if cost is not None and not callable(cost):
        raise TypeError(f"cost must be callable or None, got {type(cost).__name__}")
    theta = as_float_array(theta0, "theta0", ndim=(0, 1))
    data = _check_data(data)
    m = len(data[0]) if data else None
    step_rule, schedule, max_iter, batch_size, shuffle, rng, per_step, tol, n_iter_no_change = _check_settings(
        rule, learning_rate, max_iter, batch_size, m, shuffle, random_state, history, tol, n_iter_no_change, cost)
    updates_per_epoch = 1 if m is None else math.ceil(m / batch_size)
    scheduled = isinstance(schedule, Schedule)

    # An overflow is a divergence, reported below, not a numpy RuntimeWarning.
    with np.errstate(all="ignore"):
        if cost is None:
            origin, scale = theta, float(np.max(np.abs(theta)))  # the largest coordinate: it cannot overflow

            def measure(point):  # how far a point ran off from the start
                return float(np.max(np.abs(point - origin))), scale
        else:
            start = check_finite_result(float(cost(theta)), "the cost at theta0", "data and theta0")

            def measure(point):
                return float(cost(point)), start

        step_rule.start(theta)
        path = [theta]
        costs = None if cost is None else [start]
        epoch_costs = None if cost is None else [start]
        stop = None if tol is None else _EarlyStop(start, tol, n_iter_no_change)
        update = 0

        def finish(n_iter, diverged_at=None, converged=False) -> Descent:
            as_array = lambda values: None if values is None else np.array(values)  # noqa: E731
            n_updates = update if diverged_at is None else diverged_at - 1
            return Descent(np.array(path), as_array(costs), as_array(epoch_costs), n_iter, n_updates,
                           updates_per_epoch, batch_size, diverged_at, converged)

        def diverged(at: int, value: float, n_iter: int) -> Descent:
            what = "the cost" if cost is not None else "a coordinate's distance from the start"
            _warn_divergence(at, f"{what} reached {value:.3g}")
            return finish(n_iter, diverged_at=at)

        for epoch in range(1, max_iter + 1):
            iterates = []  # this epoch's points when only epochs are recorded, to find a divergence
            for batch in _batches(data, batch_size, shuffle, rng):
                g = gradient(theta, *batch)
                if update == 0:  # what the gradient gives is checked once, not at every update
                    if not isinstance(g, np.ndarray):  # a list or a number: converted at every update
                        gradient = _as_array_valued(gradient)
                    g = _check_gradient(g, theta)
                alpha = schedule(update) if scheduled else schedule
                theta = theta - step_rule.step(g, alpha)
                update += 1
                if per_step:
                    value, reference = measure(theta)
                    if _exploded(value, reference):
                        return diverged(update, value, epoch - 1)
                    path.append(theta)
                    if costs is not None:
                        costs.append(value)
                else:
                    iterates.append(theta)
            if not per_step:
                value, reference = measure(theta)
                if _exploded(value, reference):  # find the update inside this epoch where it happened
                    for at, point in enumerate(iterates, update - len(iterates) + 1):
                        value = measure(point)[0]
                        if _exploded(value, reference):
                            return diverged(at, value, epoch - 1)
                path.append(theta)
                if costs is not None:
                    costs.append(value)
            if epoch_costs is not None:
                epoch_costs.append(costs[-1])
            if stop is not None and stop(costs[-1]):
                return finish(epoch, converged=True)
        return finish(max_iter)


def gradient_descent(grad: Callable, x0, learning_rate=0.1, max_iter: int = 100, *, rule="plain",
                     cost: Callable | None = None, tol: float | None = None) -> Descent:
    """Minimize a function from its gradient: :func:`descend` with no data.

    .. math:: x_{k+1} = x_k - \\alpha \\, \\nabla f(x_k) \\quad \\text{(the plain rule)}

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient of the function at ``x``, with the shape of ``x``.
    x0 : float or array-like of shape (n,)
        Starting point.
    learning_rate : float or Schedule, default=0.1
        The step size ``alpha > 0``.
    max_iter : int, default=100
        Number of updates.
    rule : str or StepRule, default="plain"
        How a gradient becomes a step (see :func:`descend`).
    cost : callable, optional
        ``cost(x)``, the function itself: recorded along the path in ``costs``.
    tol : float, optional
        Stop once ``cost`` has not gone below ``best - tol`` for 5 updates (needs ``cost``).

    Returns
    -------
    Descent
        ``path`` holds the start and every iterate; ``theta`` the last.

    Examples
    --------
    >>> run = gradient_descent(lambda x: 2 * x, 1.0, learning_rate=0.25, max_iter=3)
    >>> run.path.tolist()
    [1.0, 0.5, 0.25, 0.125]
    """
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {type(grad).__name__}")
    x = as_float_array(x0, "x0", ndim=(0, 1))
    with np.errstate(all="ignore"):
        g = to_float_array(grad(x), "grad(x)")
    if g.shape != x.shape:  # said here in the reader's names, not descend's
        raise ValueError(f"grad(x) must have the shape of x0 {x.shape}, got {g.shape}")
    return descend(grad, x, cost=cost, rule=rule, learning_rate=learning_rate, max_iter=max_iter, tol=tol)


def linear_regression_gd(
    X,
    y,
    theta0=None,
    *,
    rule="plain",
    learning_rate=0.1,
    max_iter: int = 100,
    batch_size: int | None = None,
    shuffle: bool = True,
    random_state=None,
    history: Literal["step", "epoch"] = "step",
    tol: float | None = None,
    n_iter_no_change: int = 5,
) -> Descent:
    """Fit linear-regression parameters by batch, mini-batch or stochastic gradient descent.

    Each update uses the gradient of the mean squared error on one batch
    :math:`B` of the rows,

    .. math::

        \\theta \\leftarrow \\theta - \\alpha \\, \\frac{1}{|B|} X_B^\\top (X_B \\theta - y_B)

    (with the plain rule), and an epoch passes once over all ``m`` rows in
    ``ceil(m / batch_size)`` updates: ``batch_size=None`` (or ``m``) is batch
    gradient descent, ``1`` stochastic, anything between mini-batch. It is
    :func:`descend` with the gradient :func:`descent.losses.mse_gradient` and
    the cost :func:`descent.losses.mse_cost`; the full-batch plain run takes a
    fast path (``descent._fast``) that gives the same numbers.

    Parameters
    ----------
    X : array-like of shape (m, n)
        Design matrix (add a column of ones for an intercept).
    y : array-like of shape (m,)
        Targets.
    theta0 : array-like of shape (n,), optional
        Initial parameters; zeros by default.
    rule, learning_rate, max_iter, batch_size, shuffle, random_state, history, tol, n_iter_no_change
        As in :func:`descend` (``max_iter`` counts epochs).

    Returns
    -------
    Descent

    Raises
    ------
    ValueError, TypeError
        For bad arguments (each message names the argument), and when the
        cost at ``theta0`` already overflows (data too large to square).
    """
    X, y = check_design(X, y)
    theta = np.zeros(X.shape[1]) if theta0 is None else check_theta(theta0, X.shape[1], "theta0")
    return _linear_regression_gd(X, y, theta, rule=rule, learning_rate=learning_rate, max_iter=max_iter,
                                 batch_size=batch_size, shuffle=shuffle, random_state=random_state, history=history,
                                 tol=tol, n_iter_no_change=n_iter_no_change)


def _linear_regression_gd(X, y, theta, *, rule, learning_rate, max_iter, batch_size, shuffle, random_state, history,
                          tol, n_iter_no_change) -> Descent:
    """:func:`linear_regression_gd` on data already checked (by it, or by ``GDRegressor``'s scikit-learn checks)."""
    step_rule, schedule, max_iter, batch_size, *_, tol, n_iter_no_change = _check_settings(
        rule, learning_rate, max_iter, batch_size, len(y), shuffle, random_state, history, tol, n_iter_no_change, True)
    with np.errstate(all="ignore"):  # said here, in the caller's names, before descend says it in its own
        start = check_finite_result(_mse_cost(theta, X, y), "the cost at theta0", "X, y and theta0")
    if type(step_rule) is Plain and not isinstance(schedule, Schedule):
        if batch_size == len(y):
            return _batch_least_squares(X, y, theta, start, schedule, max_iter, tol, n_iter_no_change)
        if batch_size == 1 and history == "epoch" and X.shape[1] == 2:
            return _stochastic_line(X, y, theta, start, schedule, max_iter, shuffle, random_state, tol, n_iter_no_change)
    return descend(_mse_gradient, theta, data=(X, y), cost=lambda theta: _mse_cost(theta, X, y), rule=step_rule,
                   learning_rate=schedule, max_iter=max_iter, batch_size=batch_size, shuffle=shuffle,
                   random_state=random_state, tol=tol, n_iter_no_change=n_iter_no_change, history=history)


def _stochastic_line(X, y, theta, start, alpha, max_iter, shuffle, random_state, tol, n_iter_no_change) -> Descent:
    """:func:`descend` for plain SGD on a line recorded by epoch, by ``descent._fast`` (settings checked)."""
    with np.errstate(all="ignore"):
        stop = None if tol is None else _EarlyStop(start, tol, n_iter_no_change)
        path, costs, diverged_at, n_updates, converged = _fast.stochastic_line(
            X, y, theta, alpha, max_iter, shuffle, check_random_state(random_state),
            lambda theta: _mse_cost(theta, X, y), lambda cost: _exploded(cost, start), stop)
    if diverged_at is not None:
        at, blown = diverged_at
        _warn_divergence(at, f"the cost reached {blown:.3g}")
        diverged_at = at
    return Descent(path, costs, costs, len(costs) - 1, n_updates, len(y), 1, diverged_at, converged)


def _batch_least_squares(X, y, theta, start, alpha, max_iter, tol, n_iter_no_change) -> Descent:
    """:func:`descend` for full-batch plain descent on least squares, by ``descent._fast`` (settings checked)."""
    with np.errstate(all="ignore"):
        stop = None if tol is None else _EarlyStop(start, tol, n_iter_no_change)
        path, costs, diverged_at, converged = _fast.batch_least_squares(
            X, y, theta, alpha, max_iter, lambda cost: _exploded(cost, start), stop)
    if diverged_at is not None:
        at, blown = diverged_at
        _warn_divergence(at, f"the cost reached {blown:.3g}")
        diverged_at = at
    n = len(costs) - 1
    return Descent(path, costs, costs, n, n, 1, len(y), diverged_at, converged)
