"""Step rules and learning-rate schedules: how a gradient becomes an update.

The descent loop (:func:`descent.optimizers.descend`) asks a step rule, at
every update :math:`k`, for the step to subtract,

.. math::

    \\theta_{k+1} = \\theta_k - \\text{rule.step}(g_k, \\alpha_k),

where :math:`g_k` is the gradient (of a batch) at :math:`\\theta_k` and
:math:`\\alpha_k` the learning rate, a number or a schedule of :math:`k`. Each
rule states its update in its docstring and remembers what it needs (a
velocity, running averages) between calls; :meth:`StepRule.start` makes it
forget, and the loop calls it at the start of every run.

A new rule is one class with ``start`` and ``step`` (and a line in ``RULES``);
its test replays a gradient sequence through it and an oracle.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._validation import check_count, check_positive


def _check_fraction(value, name: str) -> float:
    """A decay rate such as beta: a number in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value < 1:
        raise ValueError(f"{name} must be a number in [0, 1), got {value!r}")
    return float(value)


class StepRule:
    """Turns the gradient :math:`g_k` into the step :math:`\\theta_k - \\theta_{k+1}`."""

    def start(self, theta: np.ndarray) -> None:
        """Forget earlier runs: a new run starts at ``theta``."""

    def step(self, gradient: np.ndarray, learning_rate: float) -> np.ndarray:
        """The step to subtract from the parameters at this update."""
        raise NotImplementedError

    def __repr__(self) -> str:
        settings = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not isinstance(v, np.ndarray))
        return f"{type(self).__name__}({settings})"


class Plain(StepRule):
    """Plain gradient descent (Cauchy 1847).

    .. math:: \\theta_{k+1} = \\theta_k - \\alpha_k \\, g_k
    """

    def step(self, gradient, learning_rate):
        return learning_rate * gradient


class Momentum(StepRule):
    """Heavy-ball momentum (Polyak 1964): a velocity that sums the past gradients.

    .. math::

        v_{k+1} = \\beta \\, v_k + g_k, \\qquad
        \\theta_{k+1} = \\theta_k - \\alpha_k \\, v_{k+1}, \\qquad v_0 = 0.

    ``beta = 0`` is plain gradient descent.

    Parameters
    ----------
    beta : float in [0, 1), default=0.9
        How much of the velocity is kept from one update to the next.
    """

    def __init__(self, beta: float = 0.9):
        self.beta = _check_fraction(beta, "beta")

    def start(self, theta):
        self.velocity = np.zeros_like(theta)

    def step(self, gradient, learning_rate):
        self.velocity = self.beta * self.velocity + gradient
        return learning_rate * self.velocity


class Nesterov(Momentum):
    """Nesterov's accelerated gradient (Nesterov 1983), in the look-ahead form of Sutskever et al. (2013).

    Momentum first moves by :math:`-\\alpha \\beta v_k`, then takes the gradient
    there. Stored at that look-ahead point, the parameters follow

    .. math::

        v_{k+1} = \\beta \\, v_k + g_k, \\qquad
        \\theta_{k+1} = \\theta_k - \\alpha_k \\, (g_k + \\beta \\, v_{k+1}),

    where :math:`g_k` is the gradient at the stored point :math:`\\theta_k`.

    Parameters
    ----------
    beta : float in [0, 1), default=0.9
        Momentum, as in :class:`Momentum`.
    """

    def step(self, gradient, learning_rate):  # the velocity as Momentum keeps it; the step looks ahead
        self.velocity = self.beta * self.velocity + gradient
        return learning_rate * (gradient + self.beta * self.velocity)


class AdaGrad(StepRule):
    """AdaGrad (Duchi et al. 2011): a step size per parameter, shrinking with its gradients' sum of squares.

    .. math::

        s_{k+1} = s_k + g_k^2, \\qquad
        \\theta_{k+1} = \\theta_k - \\alpha_k \\, \\frac{g_k}{\\sqrt{s_{k+1}} + \\varepsilon}

    (squares, roots and the division are taken entry by entry).

    Parameters
    ----------
    epsilon : float > 0, default=1e-8
        Keeps the division finite where a gradient has been zero.
    """

    def __init__(self, epsilon: float = 1e-8):
        self.epsilon = check_positive(epsilon, "epsilon")

    def start(self, theta):
        self.squares = np.zeros_like(theta)

    def step(self, gradient, learning_rate):
        self.squares = self.squares + gradient**2
        return learning_rate * gradient / (np.sqrt(self.squares) + self.epsilon)


class RMSProp(StepRule):
    """RMSProp (Tieleman and Hinton 2012): AdaGrad with a running average that forgets.

    .. math::

        s_{k+1} = \\rho \\, s_k + (1 - \\rho) \\, g_k^2, \\qquad
        \\theta_{k+1} = \\theta_k - \\alpha_k \\, \\frac{g_k}{\\sqrt{s_{k+1}} + \\varepsilon}

    Parameters
    ----------
    rho : float in [0, 1), default=0.9
        How much of the average of squared gradients is kept each update.
    epsilon : float > 0, default=1e-8
        Keeps the division finite.
    """

    def __init__(self, rho: float = 0.9, epsilon: float = 1e-8):
        self.rho = _check_fraction(rho, "rho")
        self.epsilon = check_positive(epsilon, "epsilon")

    def start(self, theta):
        self.squares = np.zeros_like(theta)

    def step(self, gradient, learning_rate):
        self.squares = self.rho * self.squares + (1 - self.rho) * gradient**2
        return learning_rate * gradient / (np.sqrt(self.squares) + self.epsilon)


class Adam(StepRule):
    """Adam (Kingma and Ba 2015): momentum and RMSProp together, with bias correction.

    .. math::

        m_{k+1} &= \\beta_1 m_k + (1 - \\beta_1) \\, g_k, \\qquad
        v_{k+1} = \\beta_2 v_k + (1 - \\beta_2) \\, g_k^2, \\\\
        \\hat m &= \\frac{m_{k+1}}{1 - \\beta_1^{k+1}}, \\qquad
        \\hat v = \\frac{v_{k+1}}{1 - \\beta_2^{k+1}}, \\qquad
        \\theta_{k+1} = \\theta_k - \\alpha_k \\, \\frac{\\hat m}{\\sqrt{\\hat v} + \\varepsilon}.

    The averages start at zero, so early on they lean towards zero; dividing
    by :math:`1 - \\beta^{k+1}` (the bias correction) removes that lean.
    Without it the first steps would be mis-sized: with the defaults the first
    step would be :math:`(1 - \\beta_1) / \\sqrt{1 - \\beta_2} \\approx 3.2`
    times :math:`\\alpha` (the square average is the further from its value),
    where the corrected step is about :math:`\\alpha`.

    Parameters
    ----------
    beta1, beta2 : float in [0, 1), default=0.9 and 0.999
        How much of the running averages of the gradient and of its square is kept.
    epsilon : float > 0, default=1e-8
        Keeps the division finite.
    """

    def __init__(self, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8):
        self.beta1 = _check_fraction(beta1, "beta1")
        self.beta2 = _check_fraction(beta2, "beta2")
        self.epsilon = check_positive(epsilon, "epsilon")

    def start(self, theta):
        self.mean, self.squares, self.count = np.zeros_like(theta), np.zeros_like(theta), 0

    def step(self, gradient, learning_rate):
        self.count += 1
        self.mean = self.beta1 * self.mean + (1 - self.beta1) * gradient
        self.squares = self.beta2 * self.squares + (1 - self.beta2) * gradient**2
        mean_hat = self.mean / (1 - self.beta1**self.count)
        squares_hat = self.squares / (1 - self.beta2**self.count)
        return learning_rate * mean_hat / (np.sqrt(squares_hat) + self.epsilon)


#: Step rules by name, with their default settings (``rule="adam"``).
RULES = {"plain": Plain, "momentum": Momentum, "nesterov": Nesterov, "adagrad": AdaGrad, "rmsprop": RMSProp,
         "adam": Adam}


def as_rule(rule) -> StepRule:
    """A step rule from a name of ``RULES`` or a :class:`StepRule`."""
    if isinstance(rule, StepRule):
        return rule
    if isinstance(rule, str) and rule in RULES:
        return RULES[rule]()
    listed = ", ".join(repr(name) for name in RULES)
    raise ValueError(f"rule must be a StepRule or one of {listed}, got {rule!r}")


# --- learning-rate schedules: alpha_k as a function of the update count k = 0, 1, 2, ...


class Schedule:
    """A learning rate that changes with the update count :math:`k`: ``schedule(k)`` is :math:`\\alpha_k`."""

    def __call__(self, k: int) -> float:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"


class StepDecay(Schedule):
    """The rate drops by a factor every few updates.

    .. math:: \\alpha_k = \\alpha_0 \\, \\gamma^{\\lfloor k / s \\rfloor}

    Parameters
    ----------
    learning_rate : float > 0
        :math:`\\alpha_0`.
    factor : float in (0, 1], default=0.5
        :math:`\\gamma`, applied every ``every`` updates.
    every : int >= 1, default=100
        :math:`s`.
    """

    def __init__(self, learning_rate: float, factor: float = 0.5, every: int = 100):
        self.learning_rate = check_positive(learning_rate, "learning_rate")
        self.factor = check_positive(factor, "factor")
        if self.factor > 1:
            raise ValueError(f"factor must be in (0, 1], got {factor!r}")
        self.every = check_count(every, "every")

    def __call__(self, k):
        return self.learning_rate * self.factor ** (k // self.every)


class InverseTime(Schedule):
    """The 1/t schedule: it satisfies the Robbins–Monro conditions (Robbins and Monro 1951).

    .. math:: \\alpha_k = \\frac{\\alpha_0}{1 + \\lambda k}

    Parameters
    ----------
    learning_rate : float > 0
        :math:`\\alpha_0`.
    decay : float >= 0
        :math:`\\lambda`; 0 keeps the rate constant.
    """

    def __init__(self, learning_rate: float, decay: float):
        self.learning_rate = check_positive(learning_rate, "learning_rate")
        self.decay = check_positive(decay, "decay", allow_zero=True)

    def __call__(self, k):
        return self.learning_rate / (1 + self.decay * k)


class Cosine(Schedule):
    """Cosine annealing (Loshchilov and Hutter 2017), from :math:`\\alpha_0` down to :math:`\\alpha_{\\min}` in :math:`K` updates.

    .. math:: \\alpha_k = \\alpha_{\\min} + \\tfrac12 (\\alpha_0 - \\alpha_{\\min}) \\bigl(1 + \\cos(\\pi \\min(k, K) / K)\\bigr)

    Parameters
    ----------
    learning_rate : float > 0
        :math:`\\alpha_0`.
    n_updates : int >= 1
        :math:`K`, the update at which the rate reaches its minimum and stays.
    min_learning_rate : float >= 0, default=0
        :math:`\\alpha_{\\min}`, at most ``learning_rate``.
    """

    def __init__(self, learning_rate: float, n_updates: int, min_learning_rate: float = 0.0):
        self.learning_rate = check_positive(learning_rate, "learning_rate")
        self.n_updates = check_count(n_updates, "n_updates")
        self.min_learning_rate = check_positive(min_learning_rate, "min_learning_rate", allow_zero=True)
        if self.min_learning_rate > self.learning_rate:
            raise ValueError(f"min_learning_rate must be at most learning_rate, got {min_learning_rate!r}")

    def __call__(self, k):
        progress = min(k, self.n_updates) / self.n_updates
        return self.min_learning_rate + 0.5 * (self.learning_rate - self.min_learning_rate) * (1 + math.cos(math.pi * progress))


def as_schedule(learning_rate) -> Schedule | float:
    """A learning rate: a positive number, or a :class:`Schedule`."""
    if isinstance(learning_rate, Schedule):
        return learning_rate
    return check_positive(learning_rate, "learning_rate")
