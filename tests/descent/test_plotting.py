"""Each figure function: draws what it was given, renders Korean without missing glyphs."""

import io

import numpy as np
import pytest
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
    run = linear_regression_gd(add_intercept(x), y, [0.0, 0.0], learning_rate=0.3, n_epochs=10)
    fig = plotting.plot_cost_contour(x, y, {"GD": run.path}, intercepts=(-1, 5), slopes=(-1, 6))
    (ax,) = fig.axes
    star, path_line, start = ax.lines
    # the grid minimum sits within one grid cell of the exact solution (2, 3)
    np.testing.assert_allclose(star.get_xydata()[0], normal_equation(add_intercept(x), y), atol=0.04)
    np.testing.assert_allclose(path_line.get_xydata(), run.path)
    np.testing.assert_allclose(start.get_xydata()[0], [0, 0])
    assert ax.get_xlim() == (-1, 5)
    render(fig)


# --- One-variable descent, learning rates, cost curve and surface -----------


def parabola(x):
    """The classroom notebook's f(x) = ½(2 − 2x)², minimum at x = 1."""
    return 0.5 * (2 - 2 * x) ** 2


def parabola_gradient(x):
    return 4 * x - 4


def test_plot_steps_draws_the_curve_and_joins_the_iterates_in_order():
    from descent import gradient_descent

    path = gradient_descent(parabola_gradient, 3.0, learning_rate=0.1, n_steps=5).path
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

    path = gradient_descent(parabola_gradient, 3.0, learning_rate=0.1, n_steps=4).path
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
    assert ax.get_xlabel() == "절편 b" and ax.get_ylabel() == "기울기 w"
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


def test_plot_prediction_marks_the_predicted_point_and_extends_the_line():
    x = np.array([0.0, 1.0, 2.0])
    fig = plotting.plot_prediction(x, [1.0, 3.0, 5.0], {"직선": [1.0, 2.0]}, 3.0)
    (ax,) = fig.axes
    fit, extension, point = ax.lines[:3]
    np.testing.assert_allclose(fit.get_xydata(), [[0, 1], [2, 5]])
    np.testing.assert_allclose(extension.get_xydata(), [[2, 5], [3, 7]])  # from the last data point on
    np.testing.assert_allclose(point.get_xydata(), [[3, 7]])  # 1 + 2 * 3
    assert [t.get_text() for t in ax.texts] == ["7.00"]
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
