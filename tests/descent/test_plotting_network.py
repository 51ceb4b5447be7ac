"""The figures of the chapter "신경망": decision regions in small multiples, the gradient check."""

import numpy as np
import pytest
from matplotlib.collections import PathCollection

from descent import network as nw
from descent import plotting
from descent.datasets import make_playground

from test_plotting import alike_without_colour, off_palette, render


def linear_proba(P):
    return 1 / (1 + np.exp(-(P[:, 0] - P[:, 1])))


def test_decision_regions_draw_one_panel_per_model_with_its_boundary_and_points():
    X, y = make_playground("xor", 60, random_state=0)
    theta = nw.init_params([2, 4, 1], 0)
    fig = plotting.plot_decision_regions(
        X, y, {"직선": linear_proba, "신경망": lambda P: nw.predict_proba(P, theta, [2, 4, 1])}, ncols=3)
    drawn = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title() for ax in drawn] == ["직선", "신경망"]
    for ax in drawn:
        points = [c for c in ax.collections if isinstance(c, PathCollection)]
        assert sum(len(c.get_offsets()) for c in points) == 60
    # the boundary of the first panel is the line x1 = x2, where the probability is one half
    boundary = drawn[0].collections[-3]  # the black contour, drawn before the two classes of points
    vertices = np.concatenate([path.vertices for path in boundary.get_paths()])
    np.testing.assert_allclose(vertices[:, 0], vertices[:, 1], atol=1e-3)  # to the linear interpolation of the grid
    assert off_palette(fig) == [] and alike_without_colour(fig) == []
    render(fig)


def test_decision_regions_shade_each_side_in_its_class_colour():
    X = np.array([[-2.0, 2.0], [2.0, -2.0]])
    fig = plotting.plot_decision_regions(X, [0, 1], {"p": lambda P: 1 / (1 + np.exp(-(P[:, 0] - P[:, 1])))})
    ax = fig.axes[0]
    fills = [c for c in ax.collections if not isinstance(c, PathCollection) and len(c.get_facecolor())]
    colours = {tuple(np.round(c.get_facecolor()[0][:3], 3)) for c in fills}
    from matplotlib.colors import to_rgb
    expected = {tuple(np.round(to_rgb(plotting.COLORS[k]), 3)) for k in ("data", "path")}
    assert colours == expected


@pytest.mark.parametrize(
    "panels, message",
    [
        ({"p": lambda P: P[:, 0] * 10}, r"probabilities in \[0, 1\]"),
        ({"p": lambda P: P[:, :1] * 0}, "one probability per row"),
        ({"p": 3.0}, r"panels\['p'\] must be callable"),
        ({}, "at least one panel"),
    ],
)
def test_decision_regions_refuse_what_is_not_a_probability_function(panels, message):
    with pytest.raises((ValueError, TypeError), match=message):
        plotting.plot_decision_regions([[0.0, 0.0], [1.0, 1.0]], [0, 1], panels)


def test_gradient_check_draws_every_error_and_names_the_blocks():
    errors = {"맞음": np.full(13, 1e-9), "부호": np.ones(13), "영": np.zeros(13)}
    fig = plotting.plot_gradient_check(errors, layer_sizes=[2, 3, 1])
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    lines = {line.get_label(): line for line in ax.lines if not line.get_label().startswith("_")}
    assert set(lines) == set(errors)
    np.testing.assert_array_equal(lines["영"].get_ydata(), 1e-16)  # zero drawn at the floor
    assert [t.get_text() for t in ax.texts] == ["W¹", "b¹", "W²", "b²"]
    assert off_palette(fig) == [] and alike_without_colour(fig) == []
    render(fig)


def test_gradient_check_wants_one_error_per_parameter():
    with pytest.raises(ValueError, match=r"one entry per parameter of layer_sizes \[2, 3, 1\] \(13\)"):
        plotting.plot_gradient_check({"x": np.ones(12)}, layer_sizes=[2, 3, 1])
    with pytest.raises(ValueError, match="non-negative"):
        plotting.plot_gradient_check({"x": -np.ones(3)})
