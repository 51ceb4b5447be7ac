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


def new_figure(ncols: int = 1, *, nrows: int = 1, width: float = 6.4, height: float = 4.0, **subplot_kw):
    """A figure outside pyplot's registry (so notebooks show it exactly once)."""
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, subplot_kw=subplot_kw or None)
    return fig, axes


def plot_data(x, y, *, title: str = "생성한 데이터", xlabel: str = "x", ylabel: str = "y") -> Figure:
    """Scatter plot of one feature against its targets."""
    fig, ax = new_figure()
    ax.scatter(np.ravel(x), np.ravel(y), s=18, color=COLORS["data"], alpha=0.8)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    return fig


def plot_cost_history(
    costs, *, title: str = "반복에 따른 비용의 감소", xlabel: str = "갱신 횟수", log: bool = False
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


# --- One-variable descent, learning rates, cost curve and surface -----------
# (chapters "경사 하강법이란", "학습률", "비용 함수")


def _draw_steps(ax, f, path, xlim) -> None:
    """The curve ``f`` and the iterates on it, joined in order (the seed's ``plot_steps``)."""
    path = np.ravel(np.asarray(path, dtype=float))
    # The window holds xlim and every iterate, so a run that leaves it stays visible.
    grid = np.linspace(min(xlim[0], path.min()), max(xlim[1], path.max()), 400)
    ax.plot(grid, f(grid), color=COLORS["cost"], lw=2, label="f(x)")
    ax.plot(path, f(path), "-o", color=COLORS["path"], lw=1, ms=4, label="반복으로 지나간 점")
    ax.plot(path[0], f(path[0]), "o", color="black", ms=7, zorder=5, label=f"시작 x = {path[0]:.2f}")
    ax.set(xlabel="x", ylabel="f(x)")


def plot_steps(f, path, *, xlim=(-1.0, 3.0), title: str = "경사 하강법의 한 걸음 한 걸음") -> Figure:
    """A one-variable function and the iterates of gradient descent on it.

    Parameters
    ----------
    f : callable
        The function, evaluated elementwise on an array of ``x``.
    path : array-like of shape (k + 1,)
        Start and iterates, such as ``DescentPath.path``; consecutive points
        are joined by a segment.
    xlim : (low, high)
        Range of the curve, widened when an iterate lies outside it.
    """
    fig, ax = new_figure()
    _draw_steps(ax, f, path, xlim)
    ax.set_title(title)
    ax.legend()
    return fig


def plot_step_panels(f, paths: dict, *, xlim=(-1.0, 3.0), ncols: int = 2) -> Figure:
    """:func:`plot_steps` for several runs side by side, one panel per run.

    ``paths`` maps a panel title (e.g. the learning rate) to the iterates.
    Each panel has its own scale, so a diverging run shows how far it ran off.
    """
    nrows = -(-len(paths) // ncols)
    fig, axes = new_figure(ncols, nrows=nrows, width=4.0 * ncols, height=3.3 * nrows)
    axes = np.ravel(axes)
    for ax, (label, path) in zip(axes, paths.items()):
        _draw_steps(ax, f, path, xlim)
        ax.set_title(label)
    for ax in axes[len(paths) :]:
        ax.set_visible(False)
    return fig


def plot_descent_valley(
    f, grad, path, *, xlim=(-1.0, 3.0), n_tangents: int = 3, title: str = "골짜기를 내려가는 경사 하강법"
) -> Figure:
    """The mountain-descent picture in one variable.

    At each iterate ``x_k`` the tangent (slope ``grad(x_k)``) is drawn for the
    first ``n_tangents`` points, and an arrow shows the step: a horizontal move
    of ``x_{k+1} - x_k = -alpha * grad(x_k)`` (against the slope), after which
    the walker stands on the curve again at ``f(x_{k+1})`` (dotted drop).

    Parameters
    ----------
    f, grad : callable
        The function and its derivative, elementwise on arrays.
    path : array-like of shape (k + 1,)
        Start and iterates of gradient descent.
    """
    path = np.ravel(np.asarray(path, dtype=float))
    fig, ax = new_figure(width=6.4, height=4.4)
    lo, hi = min(xlim[0], path.min()), max(xlim[1], path.max())
    grid = np.linspace(lo, hi, 400)
    ax.plot(grid, f(grid), color=COLORS["cost"], lw=2, label="비용 곡선 f(x)")
    half = 0.08 * (hi - lo)
    for i, x in enumerate(path[:n_tangents]):
        ends = np.array([x - half, x + half])
        ax.plot(ends, f(x) + grad(x) * (ends - x), "--", color=COLORS["fit"], lw=1.5,
                label="접선 (기울기 f′(x))" if i == 0 else None)
    for x, x_next in zip(path[:-1], path[1:]):
        ax.annotate("", xy=(x_next, f(x)), xytext=(x, f(x)),
                    arrowprops={"arrowstyle": "-|>", "color": COLORS["path"], "lw": 1.5})
        ax.plot([x_next, x_next], [f(x), f(x_next)], ":", color="gray", lw=1)
    ax.plot(path, f(path), "o", color=COLORS["path"], ms=6, zorder=5, label="반복으로 지나간 점")
    ax.plot([], [], color=COLORS["path"], marker=">", label="한 걸음 −α f′(x)")  # legend entry of the arrows
    bottom = grid[np.argmin(f(grid))]
    ax.annotate("골짜기 바닥", xy=(bottom, f(bottom)), xytext=(0, 45), textcoords="offset points",
                ha="center", arrowprops={"arrowstyle": "->", "color": "black"})
    ax.set(title=title, xlabel="파라미터 x", ylabel="비용 f(x)")
    ax.legend(loc="upper center")
    return fig


def plot_learning_rate_sweep(
    learning_rates, distances, *, limit: float, start_distance: float | None = None, predicted=None,
    title: str = "학습률에 따른 최솟값까지의 거리", ylabel: str = "최솟값까지의 거리 |x − x*|",
) -> Figure:
    """Distance to the minimum after a fixed number of steps, against the learning rate.

    Parameters
    ----------
    learning_rates, distances : array-like of shape (p,)
        Learning rates tried and the distance each run ended at (log scale).
    limit : float
        The largest stable learning rate (``2 / L`` for curvature ``L``),
        drawn as a vertical line; beyond it the runs diverge (shaded).
    start_distance : float, optional
        Distance of the starting point, drawn as a horizontal line: a run that
        ends above it moved away from the minimum.
    predicted : array-like of shape (p,), optional
        The distance theory predicts, drawn as a dashed line.
    """
    alphas = np.asarray(learning_rates, dtype=float)
    fig, ax = new_figure()
    ax.axvspan(limit, max(alphas.max(), limit), color=COLORS["fit"], alpha=0.08, label="발산하는 영역")
    ax.axvline(limit, color=COLORS["fit"], lw=1.5, label=f"2/L = {limit:g}")
    if start_distance is not None:
        ax.axhline(start_distance, color="black", lw=1, ls=":", label="처음 거리")
    if predicted is not None:
        ax.plot(alphas, predicted, "--", color="gray", lw=1.5, label="이론값")
    ax.plot(alphas, distances, "o", color=COLORS["path"], ms=4, label="경사 하강법 결과")
    ax.set_yscale("log")
    ax.set(title=title, xlabel="학습률 α", ylabel=ylabel)
    ax.legend(loc="lower left")
    return fig


def plot_cost_curve(params, costs, *, xlabel: str = "가중치 w", title: str = "가중치에 따른 비용") -> Figure:
    """Cost of a one-parameter model over a range of the parameter, minimum starred."""
    params = np.asarray(params, dtype=float)
    costs = np.asarray(costs, dtype=float)
    fig, ax = new_figure()
    ax.plot(params, costs, "-", color=COLORS["cost"], lw=2, label="비용 J(w)")
    best = np.argmin(costs)
    ax.plot(params[best], costs[best], "*", color="black", ms=12, zorder=5, label="최솟값")
    ax.set(title=title, xlabel=xlabel, ylabel="비용 J(w)")
    ax.legend()
    return fig


def plot_cost_surface(
    x, y, *, intercepts=(-3.0, 3.0), slopes=(-3.0, 3.0), resolution: int = 49,
    title: str = "비용 함수 J(b, w)의 곡면",
) -> Figure:
    """The cost ``J(b, w)`` of the line ``b + w x`` as a 3-D surface, grid minimum starred.

    Parameters
    ----------
    x, y : array-like of shape (m,)
        One feature and its targets.
    intercepts, slopes : (low, high)
        The window of the plot.
    resolution : int
        Grid points per axis (the SVG grows with its square).
    """
    from .losses import mse_cost_grid

    b = np.linspace(*intercepts, resolution)
    w = np.linspace(*slopes, resolution)
    cost = mse_cost_grid(np.ravel(x), np.ravel(y), b, w)
    fig, ax = new_figure(width=6.4, height=5.0, projection="3d")
    bb, ww = np.meshgrid(b, w)
    ax.plot_surface(bb, ww, cost, rcount=resolution, ccount=resolution, cmap="viridis", linewidth=0,
                    antialiased=False, alpha=0.9)
    best = np.unravel_index(np.argmin(cost), cost.shape)
    ax.plot([b[best[1]]], [w[best[0]]], [cost[best]], "*", color="black", ms=12, zorder=5, label="최솟값")
    ax.set(title=title, xlabel="절편 b", ylabel="기울기 w", zlabel="비용 J(b, w)")
    ax.view_init(elev=28, azim=-60)
    ax.legend(loc="upper left")
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
