"""Figures of the book. Plotting is kept apart from computing: every function
takes results (data, paths, histories) and returns a new
matplotlib ``Figure``; none of them runs an optimizer.

Korean labels use NanumGothic (see :mod:`descent.fonts`), the typeface of the
pages too. Latin letters, digits and the minus sign come from DejaVu Sans; Hangul falls
back to NanumGothic glyph by glyph.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib import font_manager
from matplotlib.figure import Figure

from . import fonts

KOREAN_FONT = fonts.FAMILY

#: Colours used for the same thing throughout the book.
COLORS = {"data": "#4c72b0", "fit": "#c44e52", "cost": "#4c72b0", "path": "#dd8452"}


for _weight in ("regular", "bold"):
    font_manager.fontManager.addfont(str(fonts.font_path(_weight)))
mpl.rcParams.update(
    {
        "font.family": ["DejaVu Sans", KOREAN_FONT],
        "axes.unicode_minus": True,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        # Text as outlines and a fixed id salt: the SVG shows Hangul without
        # any font on the reader's side, and two builds give identical bytes.
        "svg.fonttype": "path",
        "svg.hashsalt": "descent",
    }
)


def new_figure(ncols: int = 1, *, width: float = 6.4, height: float = 4.0, **subplot_kw):
    """A figure outside pyplot's registry (so notebooks show it exactly once)."""
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(1, ncols, subplot_kw=subplot_kw or None)
    return fig, axes


def plot_data(x, y, *, title: str = "생성한 데이터", xlabel: str = "x", ylabel: str = "y") -> Figure:
    """Scatter plot of one feature against its targets."""
    fig, ax = new_figure()
    ax.scatter(np.ravel(x), np.ravel(y), s=18, color=COLORS["data"], alpha=0.8)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    return fig


def plot_cost_history(
    costs, *, title: str = "반복에 따른 비용의 감소", xlabel: str = "반복 횟수 (업데이트)", log: bool = False
) -> Figure:
    """The cost after each step, starting with the initial cost at step 0."""
    costs = np.asarray(costs, dtype=float)
    fig, ax = new_figure()
    ax.plot(np.arange(len(costs)), costs, color=COLORS["cost"], lw=2)
    ax.set(title=title, xlabel=xlabel, ylabel="비용 J(θ)")
    if log:
        ax.set_yscale("log")
    return fig


def plot_fit(x, y, lines: dict, *, title: str = "경사 하강법으로 찾은 회귀선", xlabel: str = "x", ylabel: str = "y") -> Figure:
    """Data with one or more fitted lines ``y = theta[0] + theta[1] x``.

    ``lines`` maps a legend label to its parameters ``[intercept, slope]``.
    """
    x = np.ravel(x)
    fig, ax = new_figure()
    ax.scatter(x, np.ravel(y), s=18, color=COLORS["data"], alpha=0.6, label="데이터")
    grid = np.linspace(x.min(), x.max(), 2)
    styles = ["-", "--", ":", "-."]
    for i, (label, theta) in enumerate(lines.items()):
        b, w = np.ravel(theta)[:2]
        color = COLORS["fit"] if i == 0 else f"C{i + 2}"
        ax.plot(grid, b + w * grid, styles[i % len(styles)], color=color, lw=2, label=label)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend()
    return fig


def plot_cost_contour(
    x,
    y,
    paths: dict | None = None,
    *,
    intercepts=(-1.0, 9.0),
    slopes=(-1.0, 7.0),
    levels: int = 25,
    title: str = "비용 함수의 등고선과 경사 하강법의 경로",
) -> Figure:
    """Contour lines of ``J(b, w)`` for the line ``b + w x``, with descent paths on top.

    Parameters
    ----------
    x, y : array-like of shape (m,)
        One feature and its targets.
    paths : dict, optional
        Legend label -> array of shape (k, 2) of ``[b, w]`` iterates (such as
        ``LinearDescentResult.path``); drawn as lines from start to end.
    intercepts, slopes : (low, high)
        The window of the plot.
    levels : int
        Number of contour levels, spaced on a log scale so that both the steep
        walls and the flat valley floor show.
    """
    from .losses import mse_cost_grid

    b = np.linspace(*intercepts, 200)
    w = np.linspace(*slopes, 200)
    cost = mse_cost_grid(np.ravel(x), np.ravel(y), b, w)
    fig, ax = new_figure(width=6.4, height=5.0)
    ax.contour(b, w, cost, levels=np.geomspace(cost.min() * 1.01, cost.max(), levels), cmap="viridis", linewidths=0.8)
    best = np.unravel_index(np.argmin(cost), cost.shape)
    ax.plot(b[best[1]], w[best[0]], "*", color="black", ms=12, zorder=5, label="최솟값 (격자)")
    for i, (label, path) in enumerate((paths or {}).items()):
        path = np.asarray(path, dtype=float)
        color = COLORS["path"] if i == 0 else f"C{i + 3}"
        ax.plot(path[:, 0], path[:, 1], "-", color=color, lw=1.5, marker="." if len(path) < 60 else None, label=label)
        ax.plot(*path[0], "o", color=color, ms=6)
    ax.set(title=title, xlabel="절편 b (θ₀)", ylabel="기울기 w (θ₁)", xlim=intercepts, ylim=slopes)
    ax.grid(False)
    ax.legend(loc="upper right")
    return fig
