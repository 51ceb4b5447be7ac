"""A fast path for full-batch gradient descent on least squares, apart from the loop the reader reads.

:func:`descent.optimizers.descend` computes each step as the book writes it,
:math:`\\theta \\leftarrow \\theta - \\frac{\\alpha}{m} X^\\top (X\\theta - y)`,
and then the cost: three passes over the data a step. With the plain rule, a
constant learning rate and every row in each batch, this loop does the same
arithmetic in two. A step :math:`d = -\\frac{\\alpha}{m} X^\\top r` moves the
residual to :math:`r + X d`, so the residual is kept up to date in place (BLAS
``dgemv`` with ``beta = 1``) instead of recomputing :math:`X\\theta - y`, and
the parameters are the running sum of the steps, added up at the end
(``np.cumsum`` adds in the loop's order). ``tests/descent/test_fast.py``
holds it equal to the loop; ``benchmarks/`` measures what it buys.
"""

from __future__ import annotations

import numpy as np


def batch_least_squares(X, y, theta, alpha, max_iter, exploded, stop):
    """Run full-batch plain gradient descent on ``J = ||X theta - y||^2 / 2m``.

    ``exploded(cost)`` says when the run blew up, ``stop(cost)`` (or None)
    when ``tol`` ends it. Returns ``(path, costs, diverged, converged)``, where
    ``diverged`` is None or ``(update, cost)`` of the update that blew up.
    """
    from scipy.linalg.blas import ddot, dgemv  # here, not at the top: importing scipy.linalg takes 0.1 s

    X = np.asfortranarray(X)  # BLAS takes a column-major X as it is, and streams down its columns
    m = X.shape[0]
    residual = X @ theta - y
    scale, steps, costs = -alpha / m, [], [float(residual @ residual) / (2 * m)]
    diverged_at, converged = None, False
    for k in range(1, max_iter + 1):
        step = dgemv(scale, X, residual, trans=1)
        residual = dgemv(1.0, X, step, 1.0, residual, overwrite_y=True)
        cost = ddot(residual, residual) / (2 * m)
        if exploded(cost):
            diverged_at = k, cost
            break
        steps.append(step)
        costs.append(cost)
        if stop is not None and stop(cost):
            converged = True
            break
    return np.cumsum([theta, *steps], axis=0), np.array(costs), diverged_at, converged
