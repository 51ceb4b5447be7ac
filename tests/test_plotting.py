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


# --- chapters 6-9 -------------------------------------------------------------


def test_plot_cost_curves_draws_each_run_at_its_x():
    fig = plotting.plot_cost_curves({"배치": [4.0, 2.0, 1.0], "SGD": ([0, 10, 20, 30], [4.0, 1.0, 0.5, 0.6])}, logx=True)
    (ax,) = fig.axes
    batch, sgd = ax.lines
    np.testing.assert_array_equal(batch.get_xydata(), [[0, 4], [1, 2], [2, 1]])
    np.testing.assert_array_equal(sgd.get_xydata(), [[0, 4], [10, 1], [20, 0.5], [30, 0.6]])
    assert ax.get_yscale() == "log" and ax.get_xscale() == "log"
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
