"""Figures of the book. Plotting is kept apart from computing: every function
takes results (data, paths, histories) and returns a new
matplotlib ``Figure``; none of them runs an optimizer.

Korean labels use NanumGothic, shipped by the ``koreanize-matplotlib`` wheel
and registered here without importing that module (it needs ``distutils``).
Latin letters, digits and the minus sign come from DejaVu Sans; Hangul falls
back to NanumGothic glyph by glyph.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib as mpl
import numpy as np
from matplotlib import font_manager
from matplotlib.figure import Figure

KOREAN_FONT = "NanumGothic"

#: Colours used for the same thing throughout the book.
COLORS = {"data": "#4c72b0", "fit": "#c44e52", "cost": "#4c72b0", "path": "#dd8452"}


def _register_korean_font() -> None:
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("Korean figure labels need the 'koreanize-matplotlib' package (it ships NanumGothic)")
    fonts = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    for ttf in sorted(fonts.glob("NanumGothic*.ttf")):
        font_manager.fontManager.addfont(str(ttf))


_register_korean_font()
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
        color = COLORS["fit"] if i == 0 else f"C{i + 1}"  # C2 green, C3..: not the fit's red
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


# --- Chapters 6-9: comparing runs, prediction, classification, networks -----


def plot_cost_curves(
    curves: dict,
    *,
    title: str = "비용의 감소 비교",
    xlabel: str = "에포크",
    ylabel: str = "비용 J(θ)",
    logx: bool = False,
    logy: bool = True,
) -> Figure:
    """Several cost histories on one axis, to compare runs.

    Parameters
    ----------
    curves : dict
        Legend label -> either the costs (drawn against 0, 1, 2, ...) or a
        pair ``(x, costs)`` with the x-coordinates to draw them at (such as
        the number of gradient evaluations).
    logx, logy : bool
        Logarithmic axes; ``logy`` (the default) shows a cost falling by
        factors of ten as a straight line.
    """
    many = len(curves) > 3  # then the legend goes below the axes, not over the curves
    fig, ax = new_figure(height=5.0 if many else 4.0)
    for i, (label, curve) in enumerate(curves.items()):
        x, costs = curve if isinstance(curve, tuple) else (np.arange(len(curve)), curve)
        # The first curves are drawn on top: a noisy run listed later cannot hide them.
        ax.plot(np.asarray(x, dtype=float), np.asarray(costs, dtype=float), color=f"C{i}", lw=1.6, label=label,
                zorder=2 + len(curves) - i)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    if many:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2)
    else:
        ax.legend()
    return fig


def plot_prediction(x, y, lines: dict, x_new: float, *, title: str = "학습한 직선으로 예측하기", xlabel: str = "x", ylabel: str = "y") -> Figure:
    """:func:`plot_fit` plus the prediction of each line at ``x_new``.

    Where ``x_new`` lies outside the data, the line is continued to it
    dotted (an extrapolation), and the predicted point is marked and labelled.
    """
    fig = plot_fit(x, y, lines, title=title, xlabel=xlabel, ylabel=ylabel)
    ax = fig.axes[0]
    x = np.ravel(x)
    edge = x.max() if x_new > x.max() else x.min() if x_new < x.min() else x_new
    for i, (line, theta) in enumerate(zip(ax.lines[: len(lines)], lines.values())):
        b, w = np.ravel(theta)[:2]
        color = line.get_color()
        ax.plot([edge, x_new], [b + w * edge, b + w * x_new], ":", color=color, lw=1.5)
        ax.plot([x_new], [b + w * x_new], "D", color=color, ms=7, zorder=5)
        # Labels stacked upwards, so that nearly equal predictions stay readable.
        ax.annotate(f"{b + w * x_new:.2f}", (x_new, b + w * x_new), xytext=(-10, 6 + 16 * i),
                    textcoords="offset points", ha="right", color=color)
    ax.axvline(x_new, color="0.6", lw=0.8, ls="--")
    return fig


def plot_decision_boundary(
    X, labels, boundaries: dict, *, title: str = "로지스틱 회귀의 결정 경계", xlabel: str = "x₁", ylabel: str = "x₂"
) -> Figure:
    """Two classes of points and the lines ``θ₀ + θ₁ x₁ + θ₂ x₂ = 0`` between them.

    Parameters
    ----------
    X : array-like of shape (m, 2)
        Two features.
    labels : array-like of shape (m,)
        Class labels 0 and 1.
    boundaries : dict
        Legend label -> parameters ``[θ₀, θ₁, θ₂]`` of a logistic model; each
        is drawn where its predicted probability is one half.
    """
    X = np.asarray(X, dtype=float)
    labels = np.ravel(labels)
    fig, ax = new_figure(width=6.4, height=5.0)
    for cls, marker, color in [(0, "o", COLORS["data"]), (1, "^", COLORS["path"])]:
        pts = X[labels == cls]
        ax.scatter(pts[:, 0], pts[:, 1], s=20, marker=marker, color=color, alpha=0.75, label=f"클래스 {cls}")
    x1 = np.linspace(X[:, 0].min(), X[:, 0].max(), 2)
    last = len(boundaries) - 1
    for i, (label, theta) in enumerate(boundaries.items()):
        t0, t1, t2 = np.ravel(theta)[:3]
        # Earlier boundaries in greys that darken towards the last one, drawn in colour.
        color = COLORS["fit"] if i == last else str(round(0.8 - 0.5 * i / last, 3))
        ax.plot(x1, -(t0 + t1 * x1) / t2, "-" if i == last else "--", color=color, lw=2, label=label)
    pad = 0.5
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel, ylim=(X[:, 1].min() - pad, X[:, 1].max() + pad))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    return fig


def plot_network(layer_sizes, *, title: str = "완전 연결 신경망", layer_names=None) -> Figure:
    """A fully connected network as circles (neurons) and lines (weights).

    Every line is one weight and every neuron after the input layer has one
    bias: the parameters gradient descent adjusts.
    """
    sizes = [int(n) for n in layer_sizes]
    fig, ax = new_figure(width=6.4, height=3.6)
    top = max(sizes)
    nodes = [[(layer, (top - n) / 2 + k) for k in range(n)] for layer, n in enumerate(sizes)]
    for left, right in zip(nodes, nodes[1:]):
        for a in left:
            for b in right:
                ax.plot([a[0], b[0]], [a[1], b[1]], color="0.55", lw=0.8, zorder=1)
    for layer, column in enumerate(nodes):
        color = COLORS["data"] if layer == 0 else COLORS["fit"] if layer == len(sizes) - 1 else COLORS["path"]
        ax.scatter(*zip(*column), s=420, color=color, edgecolor="black", zorder=2)
    names = layer_names or ["입력층", *["은닉층"] * (len(sizes) - 2), "출력층"]
    for layer, name in enumerate(names):
        ax.text(layer, -0.9, name, ha="center", va="top")
    ax.set(title=title, xlim=(-0.5, len(sizes) - 0.5), ylim=(top - 0.3, -1.6))
    ax.axis("off")
    return fig
