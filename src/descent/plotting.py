"""Figures of the book. Plotting is kept apart from computing: every function
takes results (data, paths, histories) and returns a new
matplotlib ``Figure``; none of them runs an optimizer.

Korean labels use NanumGothic (see :mod:`descent.fonts`), the typeface of the
pages too. Latin letters, digits and the minus sign come from DejaVu Sans; Hangul falls
back to NanumGothic glyph by glyph.

Every figure is drawn in one palette, :data:`PALETTE` (Okabe and Ito's, which
readers with a colour-vision deficiency can tell apart), and neutral greys.
Series in one axes differ in line style or marker as well as in colour, and
are named beside the data where a legend would cover it. In the labels
"기울기" is the gradient only; the ``w`` of the line ``b + w x`` is "가중치 w".
"""

from __future__ import annotations

import functools
import inspect

import matplotlib as mpl
import numpy as np
from matplotlib import font_manager
from matplotlib.figure import Figure

from . import fonts
from .losses import mse_cost_grid
from ._validation import (
    as_float_array,
    as_vector,
    check_bool,
    check_callable,
    check_count,
    check_finite_result,
    check_interval,
    check_labelled,
    check_labels,
    check_number,
    check_positive,
    check_positive_values,
    check_same_length,
    check_text,
    check_theta,
    evaluate,
    to_float_array,
)

KOREAN_FONT = fonts.FAMILY

#: Largest coordinate drawn where matplotlib transforms data at once (it overflows near 1.8e308).
DRAWABLE = 1e300



def _too_large(value) -> bool:
    """Whether ``value`` (a number, an array-like or a dict of them) holds a finite number beyond ``DRAWABLE``."""
    if isinstance(value, dict):
        return any(_too_large(v) for v in value.values())
    if isinstance(value, str) or callable(value):
        return False
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):
        return False
    if arr.dtype.kind not in "biuf":
        return False  # not real numbers: the function's own checks say what is wrong
    arr = arr.astype(float)
    return bool(np.any(np.abs(arr[np.isfinite(arr)]) > DRAWABLE))


def _drawable(function):
    """Refuse, naming the argument, numbers beyond ``DRAWABLE``: matplotlib's
    autoscaling and transforms overflow on them deep inside a draw."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def checked(*args, **kwargs):
        try:
            arguments = signature.bind(*args, **kwargs).arguments
        except TypeError:
            arguments = {}  # a wrong call: Python's own error, from the call below
        for name, value in arguments.items():
            if _too_large(value):
                raise ValueError(f"{name} has values beyond {DRAWABLE:g}, too large to draw; rescale it")
        return function(*args, **kwargs)

    return checked


#: The one palette of the book: Okabe and Ito's eight colours, which readers
#: with any common colour-vision deficiency can tell apart. Every line, marker
#: and point is drawn in one of them or in a neutral grey (yellow is kept for
#: nothing: it hardly shows on white).
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: Colours used for the same thing throughout the book.
COLORS = {"data": PALETTE["blue"], "fit": PALETTE["vermillion"], "cost": PALETTE["blue"], "path": PALETTE["orange"]}

#: Colour of contour lines and other background lines: a neutral grey that every path colour stands out from.
BACKGROUND = "0.72"

#: Colours of the series of one figure, in order (no yellow, no black: black marks minima and starts).
SERIES_COLORS = tuple(PALETTE[name] for name in ("blue", "vermillion", "bluish green", "reddish purple", "orange", "sky blue"))

#: Line styles and markers, the second channel: series of one figure differ in them as well as in colour,
#: so that a reader who cannot tell the colours apart can still tell the series apart.
LINESTYLES = ("-", "--", ":", "-.")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def _series(i: int, colors=SERIES_COLORS) -> dict:
    """Colour, line style and marker of the ``i``-th series of a figure.

    Line styles repeat every 4 series and markers every 7, so the first 28
    series all differ in line style or marker, whatever the colours.
    """
    return {"color": colors[i % len(colors)], "linestyle": LINESTYLES[i % len(LINESTYLES)], "marker": MARKERS[i % len(MARKERS)]}


def _line_style(i: int, colors) -> dict:
    """Colour and line style of the ``i``-th straight line (no markers for the first four: a line is told by its dashes)."""
    style = {"color": colors[i % len(colors)], "linestyle": LINESTYLES[i % len(LINESTYLES)]}
    if i >= len(LINESTYLES):  # the dashes repeat: a marker at each end tells the line apart
        style["marker"] = MARKERS[(i // len(LINESTYLES) - 1) % len(MARKERS)]
    return style


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
        # Whatever is drawn without a colour of its own takes the book's palette too.
        "axes.prop_cycle": mpl.cycler(color=list(SERIES_COLORS)),
        # Text as outlines and a fixed id salt: the SVG shows Hangul without
        # any font on the reader's side, and two builds give identical bytes.
        "svg.fonttype": "path",
        "svg.hashsalt": "descent",
    }
)


@_drawable
def new_figure(ncols: int = 1, *, nrows: int = 1, width: float = 6.4, height: float = 4.0, **subplot_kw):
    """A figure outside pyplot's registry (so notebooks show it exactly once).

    ``ncols`` x ``nrows`` axes of a ``width`` x ``height`` inch figure;
    ``subplot_kw`` goes to matplotlib's ``Figure.subplots`` (e.g. ``projection="3d"``).
    """
    ncols, nrows = check_count(ncols, "ncols"), check_count(nrows, "nrows")
    width, height = check_positive(width, "width"), check_positive(height, "height")
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, subplot_kw=subplot_kw or None)
    return fig, axes


def _check_texts(**texts) -> None:
    """Titles and labels are strings."""
    for name, value in texts.items():
        check_text(value, name)


def _check_xy(x, y) -> tuple[np.ndarray, np.ndarray]:
    """One feature (1-D, or ``X`` of a single column) and its targets, paired."""
    x, y = as_vector(x, "x"), as_vector(y, "y")
    check_same_length(x, y, "x", "y")
    return x, y


def _check_lines(lines, name: str, n_params: int, entries: str) -> dict:
    """Legend label -> parameter vector of ``n_params`` ``entries``."""
    lines = check_labelled(lines, name, f"parameters {entries}")
    return {label: check_theta(theta, n_params, f"{name}[{label!r}]", entries=entries) for label, theta in lines.items()}


def _line_values(lines: dict, x: np.ndarray, names: str) -> dict:
    """``b + w x`` of every line, refusing an overflow instead of drawing infinity."""
    with np.errstate(all="ignore"):
        values = {label: b + w * x for label, (b, w) in lines.items()}
    return {label: check_finite_result(v, "a line", names) for label, v in values.items()}


@_drawable
def plot_data(x, y, *, title: str = "생성한 데이터", xlabel: str = "x", ylabel: str = "y") -> Figure:
    """Scatter plot of one feature against its targets.

    ``x`` and ``y`` have shape (m,); ``x`` may also be ``X`` of shape (m, 1).
    """
    x, y = _check_xy(x, y)
    _check_texts(title=title, xlabel=xlabel, ylabel=ylabel)
    fig, ax = new_figure()
    ax.scatter(x, y, s=18, color=COLORS["data"], alpha=0.8)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    return fig


@_drawable
def plot_cost_history(
    costs, *, title: str = "반복에 따른 비용의 감소", xlabel: str = "갱신 횟수", log: bool = False
) -> Figure:
    """The cost after each step, starting with the initial cost at step 0.

    ``costs`` has shape (k + 1,); with ``log=True`` they must be positive.
    """
    costs = as_float_array(costs, "costs", ndim=(1,))
    if check_bool(log, "log"):
        check_positive_values(costs, "costs", "on a logarithmic axis (log=True)")
    _check_texts(title=title, xlabel=xlabel)
    fig, ax = new_figure()
    ax.plot(np.arange(len(costs)), costs, "-", color=COLORS["cost"], lw=2)
    ax.set(title=title, xlabel=xlabel, ylabel="비용 J(θ)")
    if log:
        ax.set_yscale("log")
    return fig


@_drawable
def plot_fit(x, y, lines: dict, *, title: str = "경사 하강법으로 찾은 회귀선", xlabel: str = "x", ylabel: str = "y") -> Figure:
    """Data with one or more fitted lines ``y = theta[0] + theta[1] x``.

    ``x`` and ``y`` have shape (m,) (``x`` may be ``X`` of shape (m, 1));
    ``lines`` maps a legend label to its parameters ``[intercept, slope]``.
    The data are blue dots; the lines differ in colour and in dashes (solid
    vermillion, dashed green, dotted purple, ...).
    """
    x, y = _check_xy(x, y)
    lines = _check_lines(lines, "lines", 2, "[intercept, slope]")
    _check_texts(title=title, xlabel=xlabel, ylabel=ylabel)
    grid = np.linspace(x.min(), x.max(), 2)
    values = _line_values(lines, grid, "lines and x")
    fig, ax = new_figure()
    ax.scatter(x, y, s=18, color=COLORS["data"], alpha=0.6, label="데이터")
    fit_colors = [c for c in SERIES_COLORS if c != COLORS["data"]]  # the first is the fit's vermillion
    for i, (label, value) in enumerate(values.items()):
        ax.plot(grid, value, lw=2, label=label, **_line_style(i, fit_colors))
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend()
    return fig


@_drawable
def plot_cost_contour(
    x,
    y,
    paths: dict | None = None,
    *,
    intercepts=(-1.0, 9.0),
    slopes=(-1.0, 7.0),
    levels: int = 25,
    title: str = "비용 함수의 등고선과 경사 하강법의 경로",
    equal_aspect: bool = True,
) -> Figure:
    """Contour lines of ``J(b, w)`` for the line ``b + w x``, with descent paths on top.

    The contours are thin grey lines; each path has its own colour, line
    style and marker, starts at a large dot and is named in a legend beside
    the axes, where it covers no path. The grid minimum is a black star.

    Parameters
    ----------
    x, y : array-like of shape (m,)
        One feature and its targets.
    paths : dict, optional
        Legend label -> array of shape (k, 2) of ``[b, w]`` iterates (such as
        ``Descent.path``); drawn as lines from start to end.
    intercepts, slopes : (low, high)
        The window of the plot: the range of the intercept ``b`` and of the
        weight ``w``.
    levels : int
        Number of contour levels, spaced on a log scale so that both the steep
        walls and the flat valley floor show.
    equal_aspect : bool
        Draw one unit of ``b`` as long as one unit of ``w`` (the default), so
        that the contours have their true shape (a curvature ratio of 1 : 0.5
        shows as ellipses √2 times longer one way) and the gradient is drawn
        at its true right angle to them. Pass ``False`` when ``b`` and ``w``
        have very different ranges (a window of 0..300 by 0..1200, say): the
        axes then fill the figure, and the contours are stretched.
    """
    paths = check_labelled({} if paths is None else paths, "paths", "array of shape (k, 2)")
    for label, path in paths.items():
        name = f"paths[{label!r}]"
        paths[label] = path = as_float_array(path, name, ndim=(2,))
        if path.shape[1] != 2:
            raise ValueError(f"{name} must have 2 columns [b, w], got shape {path.shape}")
    levels = check_count(levels, "levels")
    check_text(title, "title")
    equal_aspect = check_bool(equal_aspect, "equal_aspect")
    b, w, cost = _cost_grid(x, y, intercepts, slopes, 200)
    # Levels from just above the minimum (or a tiny fraction of the maximum, if
    # the grid hits a perfect fit) up to the maximum.
    with np.errstate(all="ignore"):
        low = max(cost.min() * 1.01, cost.max() * 1e-12)
    if not low < cost.max():
        raise ValueError(
            "the cost of x and y changes by under 1% over the window intercepts × slopes: "
            "no contour lines to draw; widen the window"
        )
    fig, ax = new_figure(width=6.4, height=5.0)
    ax.contour(b, w, cost, levels=np.geomspace(low, cost.max(), levels), colors=BACKGROUND, linewidths=0.8,
               linestyles="solid")
    best_b, best_w, _ = _grid_minimum(b, w, cost)
    ax.plot(best_b, best_w, "*", color="black", ms=13, zorder=5, label="최솟값 (격자)")
    path_colors = [COLORS["fit"], *(c for c in SERIES_COLORS if c != COLORS["fit"])]  # vermillion first
    for i, (label, path) in enumerate(paths.items()):
        style = _series(i, path_colors)
        # A marker on every iterate while they are few, on every n-th of a long path.
        every = max(1, len(path) // 40)
        ax.plot(path[:, 0], path[:, 1], lw=1.5, ms=4, markevery=every, label=label, zorder=3, **style)
        ax.plot(*path[0], "o", color=style["color"], mec="black", mew=0.8, ms=8, zorder=4)
    ax.set(title=title, xlabel="절편 b (θ₀)", ylabel="가중치 w (θ₁)", xlim=b[[0, -1]], ylim=w[[0, -1]])
    if equal_aspect:
        ax.set_aspect("equal", adjustable="box")
    ax.grid(False)
    # Beside the axes, not over them: the paths end near the minimum, wherever it is.
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small")
    return fig


def _cost_grid(x, y, intercepts, slopes, resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``resolution`` intercepts and slopes across their windows, and the cost on that grid."""
    x, y = _check_xy(x, y)
    b = np.linspace(*check_interval(intercepts, "intercepts"), resolution)
    w = np.linspace(*check_interval(slopes, "slopes"), resolution)
    return b, w, mse_cost_grid(x, y, b, w)


def _grid_minimum(b: np.ndarray, w: np.ndarray, cost: np.ndarray) -> tuple[float, float, float]:
    """``(b, w, J)`` at the least cost of the grid (``cost[i, j]`` at ``w[i]``, ``b[j]``)."""
    i, j = np.unravel_index(np.argmin(cost), cost.shape)
    return b[j], w[i], cost[i, j]


# --- One-variable descent, learning rates, cost curve and surface -----------
# (chapters "경사 하강법이란", "학습률", "비용 함수")


def _window(xlim: tuple[float, float], path: np.ndarray) -> np.ndarray:
    """400 points across ``xlim`` widened to every iterate, so a run that leaves it stays visible."""
    lo, hi = min(xlim[0], float(path.min())), max(xlim[1], float(path.max()))
    return np.linspace(lo, hi, 400)  # a finite width: every number drawn is within DRAWABLE (@_drawable)


def _draw_steps(ax, f, path: np.ndarray, xlim: tuple[float, float], name: str) -> None:
    """The curve ``f`` and the iterates on it, joined in order (the seed's ``plot_steps``)."""
    grid = _window(xlim, path)
    where = f"across xlim and {name}"
    curve, on_path = evaluate(f, grid, "f", where), evaluate(f, path, "f", where)
    ax.plot(grid, curve, color=COLORS["cost"], lw=2, label="f(x)")
    ax.plot(path, on_path, "-o", color=COLORS["path"], lw=1, ms=4, label="반복으로 지나간 점")
    ax.plot(path[0], on_path[0], "o", color="black", ms=7, zorder=5, label=f"시작 x = {path[0]:.2f}")
    ax.set(xlabel="x", ylabel="f(x)")


@_drawable
def plot_steps(f, path, *, xlim=(-1.0, 3.0), title: str = "경사 하강법의 한 걸음 한 걸음") -> Figure:
    """A one-variable function and the iterates of gradient descent on it.

    Parameters
    ----------
    f : callable
        The function, evaluated elementwise on an array of ``x``.
    path : array-like of shape (k + 1,)
        Start and iterates, such as ``Descent.path``; consecutive points
        are joined by a segment.
    xlim : (low, high)
        Range of the curve, widened when an iterate lies outside it.
    """
    f = check_callable(f, "f")
    path = as_vector(path, "path")
    xlim = check_interval(xlim, "xlim")
    check_text(title, "title")
    fig, ax = new_figure()
    _draw_steps(ax, f, path, xlim, "path")
    ax.set_title(title)
    ax.legend()
    return fig


@_drawable
def plot_step_panels(f, paths: dict, *, xlim=(-1.0, 3.0), ncols: int = 2) -> Figure:
    """:func:`plot_steps` for several runs side by side, one panel per run.

    ``paths`` maps a panel title (e.g. the learning rate) to the iterates.
    Each panel has its own scale, so a diverging run shows how far it ran off.
    """
    f = check_callable(f, "f")
    paths = check_labelled(paths, "paths", "iterates of shape (k + 1,)")
    if not paths:
        raise ValueError("paths must hold at least one run")
    paths = {label: as_vector(path, f"paths[{label!r}]") for label, path in paths.items()}
    xlim = check_interval(xlim, "xlim")
    ncols = check_count(ncols, "ncols")
    nrows = -(-len(paths) // ncols)
    fig, axes = new_figure(ncols, nrows=nrows, width=4.0 * ncols, height=3.3 * nrows)
    axes = np.ravel(axes)
    for ax, (label, path) in zip(axes, paths.items()):
        _draw_steps(ax, f, path, xlim, f"paths[{label!r}]")
        ax.set_title(label)
    for ax in axes[len(paths) :]:
        ax.set_visible(False)
    return fig


@_drawable
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
    xlim : (low, high)
        Range of the curve, widened when an iterate lies outside it.
    n_tangents : int
        How many of the first iterates get a tangent (0 for none).
    """
    f, grad = check_callable(f, "f"), check_callable(grad, "grad")
    path = as_vector(path, "path")
    xlim = check_interval(xlim, "xlim")
    n_tangents = check_count(n_tangents, "n_tangents", minimum=0)
    check_text(title, "title")
    grid = _window(xlim, path)
    where = "across xlim and path"
    curve, heights = evaluate(f, grid, "f", where), evaluate(f, path, "f", where)
    touching = path[:n_tangents]
    slopes = evaluate(grad, touching, "grad", "at the first n_tangents points of path")
    half = 0.08 * (grid[-1] - grid[0])
    ends = touching[:, None] + np.array([-half, half])  # a short segment around each x_k
    with np.errstate(all="ignore"):
        tangents = heights[: len(touching), None] + slopes[:, None] * (ends - touching[:, None])
    check_finite_result(tangents, "a tangent", "f, grad and path")
    fig, ax = new_figure(width=6.4, height=4.4)
    ax.plot(grid, curve, color=COLORS["cost"], lw=2, label="비용 곡선 f(x)")
    for i in range(len(touching)):
        ax.plot(ends[i], tangents[i], "--", color=COLORS["fit"], lw=1.5, label="접선 (기울기 f′(x))" if i == 0 else None)
    for x, x_next, height, next_height in zip(path[:-1], path[1:], heights[:-1], heights[1:]):
        ax.annotate("", xy=(x_next, height), xytext=(x, height),
                    arrowprops={"arrowstyle": "-|>", "color": COLORS["path"], "lw": 1.5})
        ax.plot([x_next, x_next], [height, next_height], ":", color="gray", lw=1)
    ax.plot(path, heights, "o", color=COLORS["path"], ms=6, zorder=5, label="반복으로 지나간 점")
    ax.plot([], [], color=COLORS["path"], marker=">", label="한 걸음 −α f′(x)")  # legend entry of the arrows
    lowest = np.argmin(curve)
    ax.annotate("골짜기 바닥", xy=(grid[lowest], curve[lowest]), xytext=(0, 45), textcoords="offset points",
                ha="center", arrowprops={"arrowstyle": "->", "color": "black"})
    ax.set(title=title, xlabel="파라미터 x", ylabel="비용 f(x)")
    ax.legend(loc="upper center")
    return fig


LOG_AXIS_MAX = 1e100  # the largest distance plot_learning_rate_sweep draws


@_drawable
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

    Distances are drawn on a logarithmic axis, so they must be positive, and
    at most ``LOG_AXIS_MAX``.
    """
    log_axis = "on the logarithmic axis"
    alphas = as_float_array(learning_rates, "learning_rates", ndim=(1,))
    check_positive_values(alphas, "learning_rates", "(each is a step size)")
    distances = check_positive_values(as_float_array(distances, "distances", ndim=(1,)), "distances", log_axis)
    check_same_length(alphas, distances, "learning_rates", "distances")
    limit = check_positive(limit, "limit")
    if start_distance is not None:
        start_distance = check_positive(start_distance, "start_distance")
    if predicted is not None:
        predicted = check_positive_values(as_float_array(predicted, "predicted", ndim=(1,)), "predicted", log_axis)
        check_same_length(alphas, predicted, "learning_rates", "predicted")
    # The logarithmic axis pads its range by a share of its decades: a distance
    # near the largest float overflowed inside matplotlib.
    for name, values in (("distances", distances), ("start_distance", start_distance), ("predicted", predicted)):
        if values is not None and np.max(values) > LOG_AXIS_MAX:
            raise ValueError(f"{name} must be at most {LOG_AXIS_MAX:g} {log_axis}, got {np.max(values):g}")
    _check_texts(title=title, ylabel=ylabel)
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


@_drawable
def plot_cost_curve(params, costs, *, xlabel: str = "가중치 w", title: str = "가중치에 따른 비용") -> Figure:
    """Cost of a one-parameter model over a range of the parameter, minimum starred.

    ``params`` and ``costs`` have shape (p,): the cost at each parameter value.
    """
    params = as_float_array(params, "params", ndim=(1,))
    costs = as_float_array(costs, "costs", ndim=(1,))
    check_same_length(params, costs, "params", "costs")
    _check_texts(xlabel=xlabel, title=title)
    fig, ax = new_figure()
    ax.plot(params, costs, "-", color=COLORS["cost"], lw=2, label="비용 J(w)")
    best = np.argmin(costs)
    ax.plot(params[best], costs[best], "*", color="black", ms=12, zorder=5, label="최솟값")
    ax.set(title=title, xlabel=xlabel, ylabel="비용 J(w)")
    ax.legend()
    return fig


@_drawable
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
        Grid points per axis, at least 2 (the SVG grows with its square).
    """
    resolution = check_count(resolution, "resolution", minimum=2)
    check_text(title, "title")
    b, w, cost = _cost_grid(x, y, intercepts, slopes, resolution)
    with np.errstate(all="ignore"):  # matplotlib sums the 4 corners of each cell to shade it
        check_finite_result(4 * cost.max(), "the cost surface", "x, y, intercepts and slopes")
    fig, ax = new_figure(width=6.4, height=5.0, projection="3d")
    bb, ww = np.meshgrid(b, w)
    ax.plot_surface(bb, ww, cost, rcount=resolution, ccount=resolution, cmap="viridis", linewidth=0,
                    antialiased=False, alpha=0.9)
    best_b, best_w, best_cost = _grid_minimum(b, w, cost)
    ax.plot([best_b], [best_w], [best_cost], "*", color="black", mec="white", mew=0.8, ms=13, zorder=5, label="최솟값")
    ax.set(title=title, xlabel="절편 b", ylabel="가중치 w", zlabel="비용 J(b, w)")
    ax.view_init(elev=28, azim=-60)
    ax.legend(loc="upper left")
    return fig


# --- Chapters 6-9: comparing runs, prediction, classification, networks -----


@_drawable
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

    Each run has its own colour, line style and marker (markers spaced along
    the curve, not one per value), so the runs stay apart without colour too.
    With more than three runs the legend goes below the axes.

    Parameters
    ----------
    curves : dict
        Legend label -> either the costs (drawn against 0, 1, 2, ...) or a
        pair ``(x, costs)`` with the x-coordinates to draw them at (such as
        the number of gradient evaluations).
    logx, logy : bool
        Logarithmic axes; ``logy`` (the default) shows a cost falling by
        factors of ten as a straight line. The values on a logarithmic axis
        must be positive.
    """
    curves = check_labelled(curves, "curves", "costs or a pair (x, costs)")
    if not curves:
        raise ValueError("curves must hold at least one run")
    logx, logy = check_bool(logx, "logx"), check_bool(logy, "logy")
    _check_texts(title=title, xlabel=xlabel, ylabel=ylabel)
    checked = {}
    for label, curve in curves.items():
        name = f"curves[{label!r}]"
        if isinstance(curve, tuple):
            if len(curve) != 2:
                raise ValueError(f"{name} must be the costs or a pair (x, costs), got a tuple of {len(curve)}")
            x, costs = as_float_array(curve[0], f"{name}[0]", ndim=(1,)), as_float_array(curve[1], f"{name}[1]", ndim=(1,))
            check_same_length(x, costs, f"{name}[0]", f"{name}[1]")
        else:
            costs = as_float_array(curve, name, ndim=(1,))
            x = np.arange(len(costs), dtype=float)
        if logx:
            # Costs alone are drawn from x = 0: with logx, pass (x, costs).
            check_positive_values(x, f"the x of {name}", "on a logarithmic x axis (logx=True)")
        if logy:
            check_positive_values(costs, name, "on a logarithmic y axis (logy=True)")
        checked[label] = x, costs
    many = len(checked) > 3
    fig, ax = new_figure(height=5.0 if many else 4.4)
    # Markers on a common grid of 12 steps across the x axis (as drawn, log or linear), each run's
    # shifted by a fraction of a step: not one per value, which would bury a noisy run.
    scale = np.log10 if logx else np.asarray
    lowest = min((float(scale(x).min()) for x, _ in checked.values() if len(x)), default=0.0)
    highest = max((float(scale(x).max()) for x, _ in checked.values() if len(x)), default=0.0)
    for i, (label, (x, costs)) in enumerate(checked.items()):
        every = _marker_indices(scale(x), lowest, highest, 12, shift=i / len(checked))
        # The first curves are drawn on top: a noisy run listed later cannot hide them.
        ax.plot(x, costs, lw=1.6, ms=5, markevery=every, label=label, zorder=2 + len(checked) - i, **_series(i))
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    # Below the axes, not over the curves.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2 if many else len(checked))
    return fig


def _marker_indices(x: np.ndarray, low: float, high: float, steps: int, shift: float) -> list[int]:
    """Indices of the values of ``x`` nearest to ``low + (k + shift) (high - low) / steps``, k = 0, 1, ..."""
    if len(x) == 0:
        return []
    width = (high - low) / steps
    if not width > 0:  # every run at one x
        return [0]
    with np.errstate(all="ignore"):  # a width below the smallest float gives infinities: no markers then
        targets = low + (np.arange(steps + 1) + shift) * width
    targets = targets[np.isfinite(targets) & (targets <= max(high, low))]
    indices = set()
    for target in targets:
        k = int(np.abs(x - target).argmin())
        if abs(x[k] - target) <= width / 2:  # not where the run has no values
            indices.add(k)
    return sorted(indices)


@_drawable
def plot_prediction(x, y, lines: dict, x_new: float, *, title: str = "학습한 직선으로 예측하기", xlabel: str = "x", ylabel: str = "y") -> Figure:
    """:func:`plot_fit` plus the prediction of each line at ``x_new``.

    Where ``x_new`` lies outside the data, the line is continued to it
    dotted (an extrapolation). Each predicted point is a diamond in the
    line's colour (the first filled, the next ones open and larger, so that
    nearly equal predictions stay visible one around the other) and is
    labelled with the line's legend label and its value, e.g.
    ``정규 방정식: 323.03``. The labels are stacked in the order of the
    values, so that nearly equal predictions stay readable without colour.
    """
    x_new = check_number(x_new, "x_new")
    x, y = _check_xy(x, y)
    edge = x.max() if x_new > x.max() else x.min() if x_new < x.min() else x_new
    ends = np.array([edge, x_new])
    values = _line_values(_check_lines(lines, "lines", 2, "[intercept, slope]"), ends, "lines and x_new")
    # The dashed line at x_new needs matplotlib's data transform at once, which overflows near the float limit.
    if np.max(np.abs([*x, *y, x_new, *np.ravel(list(values.values()))])) > DRAWABLE:
        raise ValueError(f"x, y, lines and x_new give coordinates beyond {DRAWABLE:g}, too large to draw; rescale them")
    fig = plot_fit(x, y, lines, title=title, xlabel=xlabel, ylabel=ylabel)
    ax = fig.axes[0]
    n = len(values)
    for i, (line, value) in enumerate(zip(ax.lines[:n], values.values())):
        color = line.get_color()
        ax.plot(ends, value, ":", color=color, lw=1.5)
        ax.plot(x_new, value[1], "D", color=color, ms=7 + 4 * i, mec=color, mew=1.5,
                mfc=color if i == 0 else "none", zorder=5 + n - i)  # smaller on top
    ax.axvline(x_new, color="0.6", lw=0.8, ls="--")
    # Labels to the right of the points, named, spread apart where the predictions nearly coincide.
    predictions = {label: value[1] for label, value in values.items()}
    low, high = ax.get_ylim()
    points_per_unit = 0.7 * 72 * fig.get_figheight() / (high - low)  # about the axes' height on the page
    offsets, below = {}, -np.inf
    for label, value in sorted(predictions.items(), key=lambda item: item[1]):
        height = (value - low) * points_per_unit  # above the bottom of the axes, in points
        at = max(height, below + 13)  # 13 points: one line of text
        offsets[label], below = at - height, at
    shift = max(offsets.values(), default=0.0) / 2  # the stack centred on the points
    for label, value in predictions.items():
        ax.annotate(f"{label}: {value:.2f}", (x_new, value), xytext=(12, offsets[label] - shift),
                    textcoords="offset points", ha="left", va="center", fontsize="small", color="black",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    return fig


@_drawable
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
        is drawn where its predicted probability is one half, as
        ``x₂ = -(θ₀ + θ₁ x₁) / θ₂`` (so ``θ₂`` must not be 0).
    """
    X = as_float_array(X, "X", ndim=(2,))
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (two features), got shape {X.shape}")
    labels = check_labels(as_vector(labels, "labels"), "labels")
    check_same_length(X, labels, "X", "labels")
    boundaries = _check_lines(boundaries, "boundaries", 3, "[θ₀, θ₁, θ₂]")
    for label, theta in boundaries.items():
        if theta[2] == 0:
            raise ValueError(f"boundaries[{label!r}] must have θ₂ ≠ 0 (its third entry): x₂ is drawn as a function of x₁")
    _check_texts(title=title, xlabel=xlabel, ylabel=ylabel)
    x1 = np.linspace(X[:, 0].min(), X[:, 0].max(), 2)
    with np.errstate(all="ignore"):
        x2 = {label: -(t0 + t1 * x1) / t2 for label, (t0, t1, t2) in boundaries.items()}
    check_finite_result(list(x2.values()), "a decision boundary", "X and boundaries")
    fig, ax = new_figure(width=6.4, height=5.0)
    for cls, marker, color in [(0, "o", COLORS["data"]), (1, "^", COLORS["path"])]:
        pts = X[labels == cls]
        ax.scatter(pts[:, 0], pts[:, 1], s=20, marker=marker, color=color, alpha=0.75, label=f"클래스 {cls}")
    last = len(x2) - 1
    for i, (label, boundary) in enumerate(x2.items()):
        if i == last:  # the last boundary solid, in colour
            style = {"color": COLORS["fit"], "linestyle": "-"}
        else:  # earlier ones in greys that darken towards it, each with its own dashes
            style = {"color": str(round(0.8 - 0.5 * i / last, 3)), "linestyle": LINESTYLES[1 + i % 3]}
            if i >= 3:  # the dashes repeat: a marker at each end tells the boundary apart
                style["marker"] = MARKERS[(i // 3 - 1) % len(MARKERS)]
        ax.plot(x1, boundary, lw=2, label=label, **style)
    low, high = X[:, 1].min(), X[:, 1].max()
    pad = max(0.5, 8 * np.spacing(max(abs(low), abs(high))))  # far from zero, 0.5 may round away
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel, ylim=(low - pad, high + pad))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    return fig


@_drawable
def plot_network(layer_sizes, *, title: str = "완전 연결 신경망", layer_names=None) -> Figure:
    """A fully connected network as circles (neurons) and lines (weights).

    Every line is one weight and every neuron after the input layer has one
    bias: the parameters gradient descent adjusts.

    Parameters
    ----------
    layer_sizes : sequence of int
        Neurons per layer, input first: at least 2 layers of 1 to 20 neurons.
    layer_names : sequence of str, optional
        One name per layer; by default 입력층, 은닉층..., 출력층.
    """
    sizes = [check_count(n, f"layer_sizes[{i}]", maximum=20) for i, n in enumerate(_as_list(layer_sizes, "layer_sizes"))]
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes must list at least 2 layers (input and output), got {len(sizes)}")
    if layer_names is not None:
        layer_names = [check_text(n, f"layer_names[{i}]") for i, n in enumerate(_as_list(layer_names, "layer_names"))]
        if len(layer_names) != len(sizes):
            raise ValueError(f"layer_names must have one name per layer ({len(sizes)}), got {len(layer_names)}")
    check_text(title, "title")
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


def _as_list(value, name: str) -> list:
    """The items of a list, tuple or 1-D array (each checked by the caller)."""
    if not isinstance(value, (list, tuple, np.ndarray)) or (isinstance(value, np.ndarray) and value.ndim != 1):
        raise TypeError(f"{name} must be a list (or 1-D array), got {type(value).__name__} {np.shape(value)}")
    return list(value)


# --- Chapter "더 빨리 내려가기": races on any 2-D function, rates against theory -----


def _surface(f, xlim, ylim, resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``f`` on a ``resolution`` x ``resolution`` grid: ``f(theta)`` with ``theta`` of shape (2, r, r)."""
    u = np.linspace(*xlim, resolution)
    v = np.linspace(*ylim, resolution)
    grid = np.array(np.meshgrid(u, v))
    with np.errstate(all="ignore"):
        value = to_float_array(f(grid), "f(theta)")
    if value.shape != grid.shape[1:]:
        raise ValueError(
            "f(theta) must give one value per point when theta is a grid of shape (2, r, r) "
            f"(write it with theta[0] and theta[1]), got shape {value.shape}"
        )
    if not np.isfinite(value).all():  # undefined there, or too large: the window is as much to blame as f
        raise ValueError("f(theta) must be finite where it is drawn (the window xlim × ylim), got NaN or infinity")
    return u, v, value


@_drawable
def plot_race(
    f,
    paths: dict,
    *,
    xlim=(-1.0, 1.0),
    ylim=(-1.0, 1.0),
    minimum=None,
    levels: int = 20,
    title: str = "같은 출발점에서의 경주",
    xlabel: str = "θ₁",
    ylabel: str = "θ₂",
    equal_aspect: bool = True,
) -> Figure:
    """Descent paths of several rules on the contour lines of any function of two parameters.

    The contours are thin grey lines at levels spaced on a log scale above the
    grid's least value (so both the steep walls and the flat floor of a valley
    show); each path has its own colour, line style and marker, starts at a
    large dot and is named in a legend beside the axes.

    Parameters
    ----------
    f : callable
        ``f(theta)`` for ``theta`` of shape (2, ...): elementwise over the
        trailing axes, written with ``theta[0]`` and ``theta[1]`` (the cost
        handed to :func:`descent.optimizers.descend` usually is).
    paths : dict
        Legend label -> array of shape (k, 2) of iterates.
    xlim, ylim : (low, high)
        The window of the plot, in the first and the second parameter.
    minimum : array-like of shape (2,), optional
        The minimum, drawn as a black star.
    levels : int
        Number of contour levels.
    equal_aspect : bool
        One unit as long on both axes (the default), so that a valley has its
        true shape and a step is drawn at its true angle to the contours.
    """
    f = check_callable(f, "f")
    paths = check_labelled(paths, "paths", "array of shape (k, 2)")
    for label, path in paths.items():
        name = f"paths[{label!r}]"
        paths[label] = path = as_float_array(path, name, ndim=(2,))
        if path.shape[1] != 2 or len(path) == 0:
            raise ValueError(f"{name} must have 2 columns and at least one row, got shape {path.shape}")
    xlim, ylim = check_interval(xlim, "xlim"), check_interval(ylim, "ylim")
    if minimum is not None:
        minimum = check_theta(minimum, 2, "minimum", entries="[θ₁, θ₂]")
    levels = check_count(levels, "levels")
    _check_texts(title=title, xlabel=xlabel, ylabel=ylabel)
    equal_aspect = check_bool(equal_aspect, "equal_aspect")
    u, v, value = _surface(f, xlim, ylim, 200)
    low, high = float(value.min()), float(value.max())
    if not high > low:
        raise ValueError("f is constant over the window xlim × ylim: no contour lines to draw; widen the window")
    with np.errstate(all="ignore"):
        shift = value - low + (high - low) * 1e-4  # positive, so the levels can be spaced geometrically
    check_finite_result(shift, "f", "f, xlim and ylim")
    fig, ax = new_figure(width=6.4, height=5.0)
    ax.contour(u, v, shift, levels=np.geomspace(shift.min() * 1.5, shift.max(), levels), colors=BACKGROUND,
               linewidths=0.8, linestyles="solid")
    if minimum is not None:
        ax.plot(*minimum, "*", color="black", ms=13, zorder=6, label="최솟값")
    for i, (label, path) in enumerate(paths.items()):
        style = _series(i)
        every = max(1, len(path) // 40)
        ax.plot(path[:, 0], path[:, 1], lw=1.4, ms=4, markevery=every, label=label, zorder=3 + len(paths) - i, **style)
    start = paths[next(iter(paths))][0] if paths else None
    if start is not None:
        ax.plot(*start, "o", color="white", mec="black", mew=1.2, ms=9, zorder=7, label="출발점")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel, xlim=xlim, ylim=ylim)
    if equal_aspect:
        ax.set_aspect("equal", adjustable="box")
    ax.grid(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small")
    return fig


@_drawable
def plot_rates(
    kappas,
    measured: dict,
    predicted: dict,
    *,
    title: str = "조건수에 따른 걸음 수",
    xlabel: str = "조건수 κ",
    ylabel: str = "필요한 걸음 수",
) -> Figure:
    """Measured values (markers) against theory (lines) over the condition number, both axes logarithmic.

    Parameters
    ----------
    kappas : array-like of shape (p,)
        Condition numbers, positive.
    measured, predicted : dict
        Legend label -> array of shape (p,), positive: what runs measured
        (drawn as markers) and what theory says (drawn as lines). The i-th
        label of each dict shares the i-th colour, so a method's measurements
        and its theory match; a measurement differs from a theory in having
        markers and no line.
    """
    kappas = check_positive_values(as_float_array(kappas, "kappas", ndim=(1,)), "kappas", "on a logarithmic axis")
    checked = {}
    for group in ("measured", "predicted"):
        values = check_labelled(locals()[group], group, "array of shape (p,)")
        for label, value in values.items():
            name = f"{group}[{label!r}]"
            value = as_float_array(value, name, ndim=(1,))
            check_same_length(kappas, value, "kappas", name)
            values[label] = check_positive_values(value, name, "on a logarithmic axis")
        checked[group] = values
    if not checked["measured"] and not checked["predicted"]:
        raise ValueError("measured and predicted must hold at least one series between them")
    _check_texts(title=title, xlabel=xlabel, ylabel=ylabel)
    fig, ax = new_figure(height=4.4)
    for i, (label, value) in enumerate(checked["predicted"].items()):
        style = _series(i)
        ax.plot(kappas, value, lw=1.6, color=style["color"], linestyle=style["linestyle"], label=label)
    for i, (label, value) in enumerate(checked["measured"].items()):
        style = _series(i)
        ax.plot(kappas, value, linestyle="none", ms=7, color=style["color"], marker=style["marker"],
                mec="black", mew=0.6, label=label, zorder=4)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend(loc="upper left", fontsize="small")
    return fig


# --- Chapter "신경망": decision regions in small multiples, the gradient check -----


#: Probability bands of :func:`plot_decision_regions`: below one half in the class-0 colour,
#: above it in the class-1 colour, deeper the surer the model (the Playground's background).
_BANDS = ((0.0, 0.1, 0.36), (0.1, 0.3, 0.22), (0.3, 0.5, 0.1), (0.5, 0.7, 0.1), (0.7, 0.9, 0.22), (0.9, 1.0, 0.36))


def _check_points(X, labels) -> tuple[np.ndarray, np.ndarray]:
    """Points of two features and their class labels 0/1, paired."""
    X = as_float_array(X, "X", ndim=(2,))
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (two features), got shape {X.shape}")
    labels = check_labels(as_vector(labels, "labels"), "labels")
    check_same_length(X, labels, "X", "labels")
    return X, labels


def _scatter_classes(ax, X: np.ndarray, labels: np.ndarray, size: float = 14) -> None:
    """Class 0 as blue circles, class 1 as orange triangles (as in :func:`plot_decision_boundary`)."""
    for cls, marker, color in [(0, "o", COLORS["data"]), (1, "^", COLORS["path"])]:
        pts = X[labels == cls]
        ax.scatter(pts[:, 0], pts[:, 1], s=size, marker=marker, color=color, edgecolor="black", linewidth=0.3,
                   label=f"클래스 {cls}", zorder=3)


@_drawable
def plot_decision_regions(
    X,
    labels,
    panels: dict,
    *,
    ncols: int = 3,
    resolution: int = 121,
    title: str = "",
    xlabel: str = "x₁",
    ylabel: str = "x₂",
) -> Figure:
    """Small multiples of a classifier's probability over the plane, as TensorFlow Playground shows it.

    Each panel shades the plane by the probability ``p`` of class 1 (the
    class-0 colour below one half, the class-1 colour above, deeper the
    nearer ``p`` is to 0 or 1), draws the decision boundary ``p = 1/2`` as a
    solid black line and the points on top.

    Parameters
    ----------
    X : array-like of shape (m, 2)
        The points drawn (two features).
    labels : array-like of shape (m,)
        Their class labels 0 and 1.
    panels : dict
        Panel title -> ``proba``, a function that maps points of shape (k, 2)
        to probabilities of shape (k,) in [0, 1] (such as
        ``lambda P: network.predict_proba(P, theta, sizes)``).
    ncols : int, default=3
        Panels per row.
    resolution : int, default=121
        Grid points per axis, at least 2.
    title : str
        Title over all panels (none when empty).
    """
    X, labels = _check_points(X, labels)
    panels = check_labelled(panels, "panels", "probability function of points (k, 2)")
    if not panels:
        raise ValueError("panels must hold at least one panel")
    for label, proba in panels.items():
        check_callable(proba, f"panels[{label!r}]")
    ncols = min(check_count(ncols, "ncols"), len(panels))
    resolution = check_count(resolution, "resolution", minimum=2, maximum=1000)
    _check_texts(title=title, xlabel=xlabel, ylabel=ylabel)
    low, high = X.min(axis=0), X.max(axis=0)
    pad = np.maximum(0.05 * (high - low), np.maximum(0.5, 8 * np.spacing(np.maximum(np.abs(low), np.abs(high)))))
    u = np.linspace(low[0] - pad[0], high[0] + pad[0], resolution)
    v = np.linspace(low[1] - pad[1], high[1] + pad[1], resolution)
    U, V = np.meshgrid(u, v)
    points = np.column_stack([U.ravel(), V.ravel()])
    grids = {}
    for label, proba in panels.items():
        name = f"panels[{label!r}]"
        with np.errstate(all="ignore"):
            p = as_float_array(proba(points), f"{name}(points)", ndim=None)
        if p.shape != (len(points),):
            raise ValueError(f"{name}(points) must give one probability per row of points {(len(points), 2)}, "
                             f"got shape {p.shape}")
        if not np.all((p >= 0) & (p <= 1)):  # NaN fails too
            raise ValueError(f"{name}(points) must give probabilities in [0, 1], got values from {np.nanmin(p):g} "
                             f"to {np.nanmax(p):g} (or NaN)")
        grids[label] = p.reshape(U.shape)
    nrows = -(-len(panels) // ncols)
    fig, axes = new_figure(ncols, nrows=nrows, width=2.6 * ncols + 0.4, height=2.85 * nrows + (0.9 if title else 0.6))
    axes = np.atleast_1d(axes).ravel()
    for ax, (label, P) in zip(axes, grids.items()):
        for low_p, high_p, alpha in _BANDS:
            color = COLORS["data"] if high_p <= 0.5 else COLORS["path"]
            inside = (P >= low_p) & (P <= high_p)
            if inside.any():
                ax.contourf(U, V, P, levels=[low_p, high_p], colors=[color], alpha=alpha, antialiased=True)
        if P.min() < 0.5 < P.max():
            ax.contour(U, V, P, levels=[0.5], colors="black", linewidths=1.4)
        _scatter_classes(ax, X, labels)
        ax.set(title=label, xlim=(u[0], u[-1]), ylim=(v[0], v[-1]), aspect="equal")
        ax.grid(False)
        ax.tick_params(labelsize="x-small")
    for ax in axes[len(grids):]:
        ax.axis("off")
    for ax in axes[-ncols:]:
        ax.set_xlabel(xlabel, fontsize="small")
    for ax in axes[::ncols]:
        ax.set_ylabel(ylabel, fontsize="small")
    handles, names = axes[0].get_legend_handles_labels()
    from matplotlib.lines import Line2D

    boundary = Line2D([], [], color="black", lw=1.4, label="결정 경계 (p = 1/2)")
    fig.legend([*handles, boundary], [*names, boundary.get_label()], loc="outside lower center", ncols=3,
               fontsize="small")
    if title:
        fig.suptitle(title)
    return fig


@_drawable
def plot_gradient_check(
    errors: dict,
    *,
    layer_sizes=None,
    title: str = "기울기 검사: 파라미터마다의 상대 오차",
    xlabel: str = "파라미터 번호",
    ylabel: str = "상대 오차",
) -> Figure:
    """The relative error of a gradient, parameter by parameter, on a logarithmic axis.

    Parameters
    ----------
    errors : dict
        Legend label -> relative errors ``|g - ĝ| / (|g| + |ĝ|)`` of shape
        (n,), one per parameter (positive: a zero is drawn at 1e-16).
    layer_sizes : sequence of int, optional
        The network's layers: its blocks ``W¹, b¹, W², …`` are then marked
        along the axis (the errors must have one entry per parameter).
    """
    errors = check_labelled(errors, "errors", "relative errors, one per parameter")
    if not errors:
        raise ValueError("errors must hold at least one series")
    checked = {}
    for label, values in errors.items():
        values = as_float_array(values, f"errors[{label!r}]", ndim=(1,))
        if np.any(values < 0):
            raise ValueError(f"errors[{label!r}] must be non-negative relative errors, got {values.min():g}")
        checked[label] = np.maximum(values, 1e-16)
    sizes = None
    if layer_sizes is not None:
        sizes = [check_count(n, f"layer_sizes[{i}]", maximum=1000) for i, n in enumerate(_as_list(layer_sizes, "layer_sizes"))]
        if len(sizes) < 2:
            raise ValueError(f"layer_sizes must list at least 2 layers, got {len(sizes)}")
        total = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
        for label, values in checked.items():
            if len(values) != total:
                raise ValueError(f"errors[{label!r}] must have one entry per parameter of layer_sizes {sizes} "
                                 f"({total}), got {len(values)}")
    _check_texts(title=title, xlabel=xlabel, ylabel=ylabel)
    fig, ax = new_figure(width=6.8, height=4.2)
    for i, (label, values) in enumerate(checked.items()):
        style = _series(i)
        ax.plot(np.arange(len(values)), values, lw=0.8, ms=5, label=label, **style)
    ax.set_yscale("log")
    if sizes is not None:
        start = 0
        for layer, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):
            for name, count in [(f"W{_superscript(layer)}", n_in * n_out), (f"b{_superscript(layer)}", n_out)]:
                ax.axvline(start - 0.5, color=BACKGROUND, lw=0.8, zorder=0)
                ax.text(start + (count - 1) / 2, 1.01, name, transform=ax.get_xaxis_transform(), ha="center",
                        va="bottom", fontsize="small", color="black")
                start += count
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.set_title(title, pad=18)  # above the names of the blocks
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=min(3, len(checked)), fontsize="small")
    return fig


def _superscript(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
