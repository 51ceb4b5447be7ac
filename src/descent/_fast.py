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


def stochastic_line(X, y, theta, alpha, max_iter, shuffle, rng, cost, exploded, stop):
    """Run plain stochastic gradient descent (one row an update) on a line ``theta[0] + theta[1] x``, by epochs.

    The same updates as :func:`descent.optimizers.descend` with ``batch_size=1``
    and ``history="epoch"`` for a design ``X`` of two columns (the same row
    orders drawn from ``rng``, the same operations in the same order, so the
    same numbers), in Python floats, as the classroom notebook's own loop
    does: a row's update is four multiplications, and numpy's cost per call
    on arrays of two numbers is many times that (``benchmarks/``).
    ``cost(theta)`` is the full cost, computed once an epoch. Returns
    ``(path, costs, diverged, n_updates, converged)`` with ``diverged`` None or
    ``(update, cost)``.
    """
    m, first, second, targets = len(y), X[:, 0].tolist(), X[:, 1].tolist(), y.tolist()
    path, costs, update = [theta], [cost(theta)], 0
    for _ in range(max_iter):
        order = rng.permutation(m).tolist() if shuffle and m > 1 else range(m)
        b, w = theta.tolist()
        iterates = []
        for i in order:
            x0, x1 = first[i], second[i]
            residual = (x0 * b + x1 * w) - targets[i]
            b, w = b - alpha * (residual * x0), w - alpha * (residual * x1)
            iterates.append((b, w))
        theta = np.array([b, w])
        value = cost(theta)
        if exploded(value):  # find the update inside this epoch where it happened
            for k, point in enumerate(iterates, update + 1):
                value = cost(np.array(point))
                if exploded(value):
                    return np.array(path), np.array(costs), (k, value), k - 1, False
        update += m
        path.append(theta)
        costs.append(value)
        if stop is not None and stop(value):
            return np.array(path), np.array(costs), None, update, True
    return np.array(path), np.array(costs), None, update, False
