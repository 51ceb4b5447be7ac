"""descent: gradient descent by hand, the code behind the book '경사 하강법'.

Modules, one idea each:

- :mod:`descent.losses`: the mean squared error cost and its gradient.
- :mod:`descent.optimizers`: gradient descent for functions and for linear regression.
- :mod:`descent.models`: the design matrix, the closed-form solution and ``GDRegressor``.
- :mod:`descent.datasets`: the classroom's synthetic data and the diabetes BMI data.
- :mod:`descent.logistic`: logistic regression, the same descent on the cross-entropy cost.
- :mod:`descent.plotting`: the book's figures (import it explicitly; it sets up fonts).
"""

from .datasets import load_diabetes_bmi, make_linear_data
from .losses import mse_cost, mse_cost_grid, mse_gradient
from .models import GDRegressor, add_intercept, normal_equation, predict
from .optimizers import DescentPath, DivergenceWarning, LinearDescentResult, gradient_descent, linear_regression_gd

__all__ = [
    "DescentPath",
    "DivergenceWarning",
    "GDRegressor",
    "LinearDescentResult",
    "add_intercept",
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
