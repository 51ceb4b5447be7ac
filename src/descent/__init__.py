"""descent: gradient descent by hand, the code behind the book '경사 하강법'.

Modules, one idea each:

- :mod:`descent.losses`: the mean squared error cost and its gradient.
- :mod:`descent.optimizers`: the one descent loop (``descend``) and the problems
  the chapters give it (a function, linear regression).
- :mod:`descent.rules`: step rules (plain, momentum, Nesterov, AdaGrad, RMSProp,
  Adam) and learning-rate schedules.
- :mod:`descent.models`: the design matrix, the closed-form solution, predictions.
- :mod:`descent.estimator`: ``GDRegressor``, the scikit-learn estimator (imported
  on first use of ``descent.GDRegressor``, so that ``import descent`` does not
  import scikit-learn).
- :mod:`descent.datasets`: the classroom's synthetic data and the diabetes BMI data.
- :mod:`descent.logistic`: logistic regression, the same descent on the cross-entropy cost.
- :mod:`descent.network`: a small neural network (forward pass, backpropagation), trained by the same loop.
- :mod:`descent.plotting`: the book's figures (import it explicitly; it sets up fonts).
"""

from .datasets import load_diabetes_bmi, make_linear_data
from .losses import mse_cost, mse_cost_grid, mse_gradient
from .models import add_intercept, normal_equation, predict
from .optimizers import Descent, DivergenceWarning, descend, gradient_descent, linear_regression_gd
from .rules import RULES, AdaGrad, Adam, Cosine, InverseTime, Momentum, Nesterov, Plain, RMSProp, StepDecay

__all__ = [
    "RULES",
    "AdaGrad",
    "Adam",
    "Cosine",
    "Descent",
    "DivergenceWarning",
    "GDRegressor",
    "InverseTime",
    "Momentum",
    "Nesterov",
    "Plain",
    "RMSProp",
    "StepDecay",
    "add_intercept",
    "descend",
    "gradient_descent",
    "linear_regression_gd",
    "load_diabetes_bmi",
    "make_linear_data",
    "mse_cost",
    "mse_cost_grid",
    "mse_gradient",
    "normal_equation",
    "predict",
]
__version__ = "0.1.0"

#: Attributes whose module is imported on first use (PEP 562): scikit-learn is heavy.
_LAZY = {"GDRegressor": "estimator"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
