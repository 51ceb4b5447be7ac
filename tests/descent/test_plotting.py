"""Each figure function: draws what it was given, renders Korean without missing glyphs."""

import io

import numpy as np
import pytest
from matplotlib import colors as mcolors
from matplotlib import font_manager
from matplotlib.figure import Figure

from descent import plotting


def render(fig: Figure) -> str:
    """Render to SVG; a missing glyph would raise (conftest turns warnings into errors)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    return buf.getvalue()


def test_hangul_resolves_to_the_bundled_korean_font():
    path = font_manager.findfont(font_manager.FontProperties(family=plotting.KOREAN_FONT), fallback_to_default=False)
    assert "NanumGothic" in path
    font = font_manager.get_font(path)
    assert font.get_char_index(ord("경")) != 0  # the glyph exists


def test_svg_output_is_deterministic(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # as the Makefile's build sets it
    a = render(plotting.plot_data([0, 1, 2], [1, 3, 2]))
    b = render(plotting.plot_data([0, 1, 2], [1, 3, 2]))
    assert a == b
    assert "<text" not in a  # text drawn as paths: no font needed in the browser


def test_plot_data_scatters_the_points():
    fig = plotting.plot_data(np.array([[0.0], [1.0], [2.0]]), [1.0, 3.0, 2.0], title="데이터")
    (ax,) = fig.axes
    np.testing.assert_array_equal(ax.collections[0].get_offsets(), [[0, 1], [1, 3], [2, 2]])
    assert ax.get_title() == "데이터"
    render(fig)


def test_plot_cost_history_draws_every_step():
    costs = [4.0, 2.0, 1.0, 0.5]
    fig = plotting.plot_cost_history(costs, log=True)
    (ax,) = fig.axes
    (line,) = ax.lines
    np.testing.assert_array_equal(line.get_xdata(), [0, 1, 2, 3])
    np.testing.assert_array_equal(line.get_ydata(), costs)
    assert ax.get_yscale() == "log"
    assert "비용" in ax.get_ylabel()
    render(fig)


def test_plot_fit_draws_each_line_over_the_data_range():
    x = np.array([0.0, 1.0, 2.0])
    fig = plotting.plot_fit(x, [4.0, 7.0, 10.0], {"GD": [4.0, 3.0], "정규 방정식": [3.0, 2.0]})
    (ax,) = fig.axes
    first, second = ax.lines
    np.testing.assert_allclose(first.get_xydata(), [[0, 4], [2, 10]])
    np.testing.assert_allclose(second.get_xydata(), [[0, 3], [2, 7]])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["데이터", "GD", "정규 방정식"]
    render(fig)


def test_figures_stay_out_of_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    plotting.plot_data([0, 1], [0, 1])
    assert plt.get_fignums() == before  # so a notebook shows each figure exactly once


def test_plot_cost_contour_marks_the_minimum_and_draws_paths():
    from descent import add_intercept, linear_regression_gd, normal_equation

    x = np.linspace(-1, 1, 5)
    y = 2 + 3 * x
    run = linear_regression_gd(add_intercept(x), y, [0.0, 0.0], learning_rate=0.3, max_iter=10)
    fig = plotting.plot_cost_contour(x, y, {"GD": run.path}, intercepts=(-1, 5), slopes=(-1, 6))
    (ax,) = fig.axes
    star, path_line, start = ax.lines
    # the grid minimum sits within one grid cell of the exact solution (2, 3)
    np.testing.assert_allclose(star.get_xydata()[0], normal_equation(add_intercept(x), y), atol=0.04)
    np.testing.assert_allclose(path_line.get_xydata(), run.path)
    np.testing.assert_allclose(start.get_xydata()[0], [0, 0])
    assert ax.get_xlim() == (-1, 5)
    assert ax.get_xlabel() == "절편 b (θ₀)" and ax.get_ylabel() == "가중치 w (θ₁)"  # 기울기 is the gradient only
    render(fig)


def test_plot_cost_contour_draws_b_and_w_to_one_scale_unless_told_not_to():
    x = np.linspace(-1, 1, 5)
    fig = plotting.plot_cost_contour(x, x, intercepts=(-3, 3), slopes=(-3, 3))
    (ax,) = fig.axes
    assert ax.get_aspect() == 1.0  # a unit of b as long as a unit of w
    fig.canvas.draw()
    box = ax.get_position(original=False)  # the box drawn, after the aspect was applied
    assert box.width * fig.get_figwidth() == pytest.approx(box.height * fig.get_figheight(), rel=0.01)  # square
    # The true shape: curvatures 1 (b) and 0.5 (w) make ellipses √2 times taller than wide.
    contours = ax.collections[0]
    closed = [path.vertices for path in contours.get_paths() if len(path.vertices) and np.abs(path.vertices).max() < 2.9]
    width, height = np.ptp(max(closed, key=len), axis=0)  # the largest ellipse inside the window
    assert height / width == pytest.approx(np.sqrt(2), rel=0.05)
    stretched = plotting.plot_cost_contour(x, x, intercepts=(0, 300), slopes=(0, 1200), equal_aspect=False)
    assert stretched.axes[0].get_aspect() == "auto"
    render(fig)


@pytest.mark.parametrize("flag", ["yes", 1, 0.0, None, [True]])
def test_plot_cost_contour_refuses_an_equal_aspect_that_is_not_a_flag(flag):
    with pytest.raises(TypeError, match="equal_aspect must be True or False"):
        plotting.plot_cost_contour([0.0, 1.0], [1.0, 2.0], equal_aspect=flag)


def test_plot_cost_contour_keeps_the_legend_off_the_paths():
    x = np.linspace(-1, 1, 5)
    paths = {name: np.array([[-2.5, -2.0], [0.0, 1.0]]) for name in ("a", "b", "c")}
    fig = plotting.plot_cost_contour(x, x, paths, intercepts=(-3, 3), slopes=(-3, 3))
    (ax,) = fig.axes
    fig.canvas.draw()
    legend, axes_box = ax.get_legend().get_window_extent(), ax.get_window_extent()
    assert legend.x0 >= axes_box.x1  # beside the axes, over no data
    assert np.ptp(ax.collections[0].get_edgecolor()[:, :3], axis=1).max() < 0.01  # grey contours


# --- One-variable descent, learning rates, cost curve and surface -----------


def parabola(x):
    """The classroom notebook's f(x) = ½(2 − 2x)², minimum at x = 1."""
    return 0.5 * (2 - 2 * x) ** 2


def parabola_gradient(x):
    return 4 * x - 4


def test_plot_steps_draws_the_curve_and_joins_the_iterates_in_order():
    from descent import gradient_descent

    path = gradient_descent(parabola_gradient, 3.0, learning_rate=0.1, max_iter=5).path
    fig = plotting.plot_steps(parabola, path)
    (ax,) = fig.axes
    curve, steps, start = ax.lines
    np.testing.assert_allclose(curve.get_ydata(), parabola(curve.get_xdata()))
    assert curve.get_xdata()[[0, -1]].tolist() == [-1.0, 3.0]  # the seed's window
    np.testing.assert_allclose(steps.get_xydata(), np.column_stack([path, parabola(path)]))
    np.testing.assert_allclose(start.get_xydata(), [[3.0, 8.0]])
    assert "3.00" in start.get_label()
    render(fig)


def test_plot_steps_widens_the_window_to_a_run_that_leaves_it():
    path = np.array([3.0, -3.0, 7.0])
    fig = plotting.plot_steps(parabola, path)
    curve = fig.axes[0].lines[0]
    assert curve.get_xdata()[[0, -1]].tolist() == [-3.0, 7.0]


def test_plot_step_panels_draws_one_run_per_titled_panel():
    paths = {"α = 0.1": [3.0, 2.2, 1.72], "α = 0.45": [3.0, -0.6], "α = 0.55": [3.0, -1.4, 3.88]}
    fig = plotting.plot_step_panels(parabola, paths)
    axes = fig.axes
    assert len(axes) == 4 and not axes[3].get_visible()  # 2 x 2 grid, the spare panel hidden
    for ax, (title, path) in zip(axes, paths.items()):
        assert ax.get_title() == title
        np.testing.assert_allclose(ax.lines[1].get_xdata(), path)
    render(fig)


def test_plot_descent_valley_draws_tangents_and_steps_against_the_slope():
    from descent import gradient_descent

    path = gradient_descent(parabola_gradient, 3.0, learning_rate=0.1, max_iter=4).path
    fig = plotting.plot_descent_valley(parabola, parabola_gradient, path, n_tangents=2)
    (ax,) = fig.axes
    tangents = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(tangents) == 2
    for tangent, x in zip(tangents, path):
        (x0, y0), (x1, y1) = tangent.get_xydata()
        assert (y1 - y0) / (x1 - x0) == pytest.approx(parabola_gradient(x))  # slope f'(x_k)
        assert (x0 + x1) / 2 == pytest.approx(x)  # touching the curve at x_k
    arrows = [t for t in ax.texts if t.get_text() == ""]
    assert len(arrows) == len(path) - 1
    for arrow, x, x_next in zip(arrows, path[:-1], path[1:]):
        # from (x_k, f(x_k)) horizontally to x_{k+1}: the step -alpha f'(x_k), downhill
        np.testing.assert_allclose(arrow.xyann, [x, parabola(x)])
        np.testing.assert_allclose(arrow.xy, [x_next, parabola(x)])
        assert x_next - x == pytest.approx(-0.1 * parabola_gradient(x))
    (bottom,) = [t for t in ax.texts if t.get_text()]
    assert bottom.xy[0] == pytest.approx(1.0, abs=0.01)  # the minimum of f
    render(fig)


def test_plot_learning_rate_sweep_marks_the_stability_limit():
    alphas = np.array([0.1, 0.3, 0.6])
    distances = 2 * np.abs(1 - 4 * alphas) ** 10
    fig = plotting.plot_learning_rate_sweep(alphas, distances, limit=0.5, start_distance=2.0, predicted=distances)
    (ax,) = fig.axes
    limit, start, predicted, points = ax.lines
    assert list(limit.get_xdata()) == [0.5, 0.5]
    assert list(start.get_ydata()) == [2.0, 2.0]
    np.testing.assert_allclose(points.get_xydata(), np.column_stack([alphas, distances]))
    assert ax.get_yscale() == "log"
    assert "2/L = 0.5" in [t.get_text() for t in ax.get_legend().get_texts()]
    render(fig)


def test_plot_cost_curve_stars_the_minimum():
    w = np.linspace(-1, 3, 101)
    cost = 0.5 * (2 * w - 2) ** 2  # one sample x = y = 2, b = 0
    fig = plotting.plot_cost_curve(w, cost)
    (ax,) = fig.axes
    curve, star = ax.lines
    np.testing.assert_allclose(curve.get_xydata(), np.column_stack([w, cost]))
    np.testing.assert_allclose(star.get_xydata(), [[1.0, 0.0]], atol=1e-12)
    render(fig)


def test_plot_cost_surface_has_its_minimum_at_the_exact_fit():
    x = np.linspace(-1, 1, 5)
    fig = plotting.plot_cost_surface(x, x)  # y = x: the cost is 0 at b = 0, w = 1
    (ax,) = fig.axes
    (star,) = ax.lines
    np.testing.assert_allclose(np.ravel(star.get_data_3d()), [0.0, 1.0, 0.0], atol=1e-12)
    # the highest corner, by the notebook's own loop: J = (1/m) sum ½ (b + w x_i - y_i)²
    corner = max(sum(0.5 * (b + w * xi - xi) ** 2 for xi in x) / len(x) for b in (-3, 3) for w in (-3, 3))
    assert ax.get_zlim()[1] >= corner
    assert ax.get_xlabel() == "절편 b" and ax.get_ylabel() == "가중치 w"
    render(fig)


# --- chapters 6-9 -------------------------------------------------------------


def test_plot_cost_curves_draws_each_run_at_its_x():
    fig = plotting.plot_cost_curves({"배치": [4.0, 2.0, 1.0], "SGD": ([0, 10, 20, 30], [4.0, 1.0, 0.5, 0.6])})
    (ax,) = fig.axes
    batch, sgd = ax.lines
    np.testing.assert_array_equal(batch.get_xydata(), [[0, 4], [1, 2], [2, 1]])
    np.testing.assert_array_equal(sgd.get_xydata(), [[0, 4], [10, 1], [20, 0.5], [30, 0.6]])
    assert ax.get_yscale() == "log" and ax.get_xscale() == "linear"
    fig = plotting.plot_cost_curves({"SGD": ([10, 20, 30], [1.0, 0.5, 0.6])}, logx=True)  # x > 0 on a log axis
    assert fig.axes[0].get_xscale() == "log"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["배치", "SGD"]
    render(fig)


def test_plot_cost_curves_marks_a_long_run_at_a_few_spread_points():
    epochs = np.arange(1, 1001, dtype=float)
    curves = {f"run {i}": (epochs, 1 / epochs ** (1 + i / 10)) for i in range(6)}
    fig = plotting.plot_cost_curves(curves, logx=True)
    (ax,) = fig.axes
    for line in ax.lines:
        marked = epochs[line.get_markevery()]
        assert 5 <= len(marked) <= 13  # not 1000 markers burying the line
        assert np.ptp(np.log10(marked)) > 2  # spread over the (log) axis
    # each run's markers shifted: no two runs mark the same epochs
    marked = [tuple(line.get_markevery()) for line in ax.lines]
    assert len(set(marked)) == len(marked)


def test_plot_prediction_marks_the_predicted_point_and_extends_the_line():
    x = np.array([0.0, 1.0, 2.0])
    fig = plotting.plot_prediction(x, [1.0, 3.0, 5.0], {"직선": [1.0, 2.0]}, 3.0)
    (ax,) = fig.axes
    fit, extension, point = ax.lines[:3]
    np.testing.assert_allclose(fit.get_xydata(), [[0, 1], [2, 5]])
    np.testing.assert_allclose(extension.get_xydata(), [[2, 5], [3, 7]])  # from the last data point on
    np.testing.assert_allclose(point.get_xydata(), [[3, 7]])  # 1 + 2 * 3
    assert [t.get_text() for t in ax.texts] == ["직선: 7.00"]
    render(fig)


def test_plot_prediction_names_nearly_equal_predictions_apart():
    # the diabetes chapter: two lines predicting 321.43 and 323.03, a hair apart on a 0..350 axis
    x = np.linspace(-0.09, 0.17, 50)
    y = 152 + 950 * x
    lines = {"SGD 999 에포크": [152.0, 940.0], "정규 방정식": [152.0, 949.0]}
    fig = plotting.plot_prediction(x, y, lines, 0.18)
    (ax,) = fig.axes
    texts = {t.get_text(): t for t in ax.texts}
    assert set(texts) == {"SGD 999 에포크: 321.20", "정규 방정식: 322.82"}  # named, not told by colour
    assert all(t.get_color() == "black" for t in texts.values())
    fig.canvas.draw()
    low, high = (texts[name].get_window_extent() for name in ("SGD 999 에포크: 321.20", "정규 방정식: 322.82"))
    assert high.y0 >= low.y1 - 1  # the larger prediction's label above, the two not overlapping
    first, second = [line for line in ax.lines if line.get_marker() == "D"]
    assert first.get_markerfacecolor() != "none" and second.get_markerfacecolor() == "none"
    assert second.get_markersize() > first.get_markersize()  # the open diamond around the filled one
    render(fig)


def test_plot_decision_boundary_draws_where_the_probability_is_one_half():
    X = np.array([[-1.0, -2.0], [0.0, 1.0], [2.0, 0.5], [1.0, 3.0]])
    labels = np.array([0, 0, 1, 1])
    thetas = {"처음": [0.0, 1.0, 1.0], "끝": [-1.0, 2.0, 0.5]}
    fig = plotting.plot_decision_boundary(X, labels, thetas)
    (ax,) = fig.axes
    class0, class1 = ax.collections
    np.testing.assert_array_equal(class0.get_offsets(), X[:2])
    np.testing.assert_array_equal(class1.get_offsets(), X[2:])
    for line, theta in zip(ax.lines, thetas.values()):
        x1, x2 = line.get_xdata(), line.get_ydata()
        np.testing.assert_allclose(x1[[0, -1]], [-1, 2])  # across the data
        np.testing.assert_allclose(theta[0] + theta[1] * x1 + theta[2] * x2, 0, atol=1e-12)
    render(fig)


def test_plot_network_draws_one_line_per_weight():
    fig = plotting.plot_network([2, 4, 2, 1])
    (ax,) = fig.axes
    assert len(ax.lines) == 2 * 4 + 4 * 2 + 2 * 1
    assert [len(c.get_offsets()) for c in ax.collections] == [2, 4, 2, 1]
    assert [t.get_text() for t in ax.texts] == ["입력층", "은닉층", "은닉층", "출력층"]
    render(fig)


# --- one palette for the book, told apart without colour too ----------------------
#
# Every line, marker, point, patch and text drawn is an Okabe–Ito colour or a
# neutral grey (black and white included), and the labelled series of one axes
# differ in line style or marker, not in colour alone.

#: Okabe & Ito's palette for readers with any common colour-vision deficiency.
OKABE_ITO = {"#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"}


def typical_calls() -> dict:
    """Every figure function, called as a chapter calls it: several series wherever it takes several."""
    from descent import gradient_descent

    rng = np.random.default_rng(0)
    x = np.linspace(0, 2, 40)
    y = 4 + 3 * x + rng.normal(size=40)
    lines = {"경사 하강법": [4.1, 2.9], "정규 방정식": [4.0, 3.0], "처음": [0.0, 1.0], "중간": [2.0, 2.0], "다섯째": [3.0, 2.5]}
    paths = {name: np.column_stack([np.linspace(0, 4, 30), np.linspace(0, 3, 30) + shift])
             for name, shift in [("배치", 0.0), ("확률적", 0.2), ("미니배치", -0.2), ("넷째", 0.4)]}
    path = gradient_descent(parabola_gradient, 3.0, learning_rate=0.1, max_iter=8).path
    epochs = np.arange(1, 101, dtype=float)
    curves = {f"실험 {i}": (epochs, 1 / epochs ** (0.5 + i / 4)) for i in range(6)}
    X = rng.normal(size=(60, 2))
    labels = (X[:, 0] + X[:, 1] > 0).astype(int)
    return {
        "plot_data": lambda: plotting.plot_data(x, y),
        "plot_cost_history": lambda: plotting.plot_cost_history([4.0, 2.0, 1.0, 0.5]),
        "plot_fit": lambda: plotting.plot_fit(x, y, lines),
        "plot_cost_contour": lambda: plotting.plot_cost_contour(x, y, paths, intercepts=(-1, 6), slopes=(-2, 5)),
        "plot_steps": lambda: plotting.plot_steps(parabola, path),
        "plot_step_panels": lambda: plotting.plot_step_panels(parabola, {"α = 0.1": path, "α = 0.45": [3.0, -0.6, 2.4]}),
        "plot_descent_valley": lambda: plotting.plot_descent_valley(parabola, parabola_gradient, path),
        "plot_learning_rate_sweep": lambda: plotting.plot_learning_rate_sweep(
            [0.1, 0.3, 0.6], [1.0, 0.1, 3.0], limit=0.5, start_distance=2.0, predicted=[1.0, 0.1, 3.0]),
        "plot_cost_curve": lambda: plotting.plot_cost_curve(x, (x - 1) ** 2),
        "plot_cost_surface": lambda: plotting.plot_cost_surface(x, y),
        "plot_cost_curves": lambda: plotting.plot_cost_curves(curves, logx=True),
        "plot_prediction": lambda: plotting.plot_prediction(x, y, dict(list(lines.items())[:2]), 2.5),
        "plot_decision_boundary": lambda: plotting.plot_decision_boundary(
            X, labels, {f"{k}번 뒤": [0.1 * k, 1.0, 1.0 + k] for k in (0, 5, 20, 50, 100)}),
        "plot_network": lambda: plotting.plot_network([2, 4, 2, 1]),
        "plot_race": lambda: plotting.plot_race(
            lambda t: (t[0] - 2) ** 2 + 3 * (t[1] - 1.5) ** 2, paths, xlim=(-1, 5), ylim=(-1, 4), minimum=[2.0, 1.5]),
        "plot_rates": lambda: plotting.plot_rates(
            epochs[:5], {f"측정 {i}": epochs[:5] ** (i / 2) + 1 for i in range(3)},
            {f"이론 {i}": epochs[:5] ** (i / 2) + 1 for i in range(3)}),
        "plot_decision_regions": lambda: plotting.plot_decision_regions(
            X, labels, {f"{k}번째 에포크": lambda P, k=k: 1 / (1 + np.exp(-k * (P[:, 0] + P[:, 1]))) for k in (0, 1, 5, 20)}),
        "plot_gradient_check": lambda: plotting.plot_gradient_check(
            {name: np.geomspace(1e-10, 1, 17) * factor for name, factor in [("맞음", 1e-3), ("부호", 1.0), ("전치", 0.1)]},
            layer_sizes=[2, 4, 1]),
    }


def drawn_colours(ax) -> list[tuple[str, np.ndarray]]:
    """(what, RGBA) of everything drawn in ``ax`` but a 3-D surface (shaded by height, not a series)."""
    found = []
    for line in ax.lines:
        found.append((f"line {line.get_label()!r}", line.get_color()))
        if line.get_marker() not in ("None", "", " ", None):
            found += [(f"marker of {line.get_label()!r}", line.get_markerfacecolor()),
                      (f"marker edge of {line.get_label()!r}", line.get_markeredgecolor())]
    for collection in ax.collections:
        if type(collection).__name__ == "Poly3DCollection":
            continue
        found += [(f"{type(collection).__name__} {collection.get_label()!r}", c)
                  for c in [*collection.get_facecolor(), *collection.get_edgecolor()]]
    for patch in ax.patches:
        found += [(f"patch {patch.get_label()!r}", patch.get_facecolor()), (f"patch {patch.get_label()!r}", patch.get_edgecolor())]
    for text in ax.texts:
        found.append((f"text {text.get_text()!r}", text.get_color()))
        if getattr(text, "arrow_patch", None) is not None:
            found.append((f"arrow of {text.get_text()!r}", text.arrow_patch.get_edgecolor()))
    return [(what, np.asarray(mcolors.to_rgba(colour))) for what, colour in found]


def off_palette(fig: Figure) -> list[str]:
    """What is drawn in a colour neither Okabe–Ito nor a neutral grey."""
    wrong = []
    for ax in fig.axes:
        for what, rgba in drawn_colours(ax):
            if rgba[3] == 0 or np.ptp(rgba[:3]) < 0.02:  # invisible, or grey from white to black
                continue
            if mcolors.to_hex(rgba[:3]) not in OKABE_ITO:
                wrong.append(f"{what}: {mcolors.to_hex(rgba[:3])}")
    return wrong


def style_of(artist) -> tuple:
    """What tells a series apart without colour: a line's dashes and marker, a scatter's marker shape."""
    if hasattr(artist, "get_linestyle") and hasattr(artist, "get_marker"):
        marker = artist.get_marker()
        return "line", artist.get_linestyle(), None if marker in ("None", "", " ", None) else marker
    if hasattr(artist, "get_offsets"):  # points: the shape of the marker
        return "points", tuple(np.round(artist.get_paths()[0].vertices, 3).ravel())
    return type(artist).__name__, None  # a shaded area


def alike_without_colour(fig: Figure) -> list[str]:
    """Pairs of labelled series of one axes that differ in colour only."""
    alike = []
    for ax in fig.axes:
        seen = {}
        for artist in [*ax.lines, *ax.collections, *ax.patches]:
            label = artist.get_label()
            if label.startswith("_") or type(artist).__name__ == "Poly3DCollection":
                continue
            style = style_of(artist)
            if style in seen:
                alike.append(f"{seen[style]!r} and {label!r}: both {style}")
            seen.setdefault(style, label)
    return alike


def test_every_figure_function_is_held_to_the_palette():
    calls = typical_calls()
    assert set(calls) == {name for name in dir(plotting) if name.startswith("plot_")}
    for name, call in calls.items():
        fig = call()
        assert off_palette(fig) == [], name
        assert alike_without_colour(fig) == [], name
        render(fig)


def test_the_palette_check_catches_default_colours_and_colour_alone():
    # the red and green of matplotlib's default cycle (the summary figure's C2 and C3 before)
    fig, ax = plotting.new_figure()
    ax.plot([0, 1], [0, 1], color="#2ca02c", label="미니배치")
    ax.plot([0, 1], [1, 0], color="#d62728", label="당뇨병")
    assert len(off_palette(fig)) == 2
    assert alike_without_colour(fig) == ["'미니배치' and '당뇨병': both ('line', '-', None)"]
    # palette colours, still told apart by colour alone
    fig, ax = plotting.new_figure()
    ax.scatter([0, 1], [0, 1], color=plotting.PALETTE["blue"], label="클래스 0")
    ax.scatter([0, 1], [1, 0], color=plotting.PALETTE["orange"], label="클래스 1")
    assert off_palette(fig) == [] and len(alike_without_colour(fig)) == 1
    ax.scatter([0], [0], marker="^", color=plotting.PALETTE["orange"], label="클래스 2")
    assert len(alike_without_colour(fig)) == 1  # a triangle is told apart


def test_the_book_palette_is_okabe_ito():
    assert {c.lower() for c in plotting.PALETTE.values()} == OKABE_ITO
    assert {c.lower() for c in [*plotting.COLORS.values(), *plotting.SERIES_COLORS]} <= OKABE_ITO
    # the first 28 series differ in line style or marker
    styles = {(plotting._series(i)["linestyle"], plotting._series(i)["marker"]) for i in range(28)}
    assert len(styles) == 28


def test_a_distance_beyond_the_log_axis_is_a_clear_error():
    """A distance near the largest float overflowed inside matplotlib's log axis (a
    RuntimeWarning, then a figure); hypothesis found it (tests/descent/test_validation.py)."""
    with pytest.raises(ValueError, match="start_distance must be at most"):
        plotting.plot_learning_rate_sweep([0.1, 0.3, 0.6], [1.0, 0.5, 2.0], limit=0.5, start_distance=3.6440541272334136e293)
    with pytest.raises(ValueError, match="distances must be at most"):
        plotting.plot_learning_rate_sweep([0.1, 0.3], [1.0, 1e200], limit=0.5)
    assert isinstance(plotting.plot_learning_rate_sweep([0.1, 0.3], [1.0, 1e99], limit=0.5), Figure)
