"""The figures of the chapter "더 빨리 내려가기": races on any 2-D function, rates against theory."""

import numpy as np
import pytest

from descent import Momentum, descend, plotting


def rosenbrock(theta):
    return (1 - theta[0]) ** 2 + 100 * (theta[1] - theta[0] ** 2) ** 2


def bowl(theta):
    return 0.5 * (theta[0] ** 2 + 4 * theta[1] ** 2)


def test_plot_race_draws_every_path_from_its_start_over_the_contours():
    plain = descend(lambda t: np.array([t[0], 4 * t[1]]), [-2.0, 1.0], cost=bowl, learning_rate=0.2, max_iter=10)
    heavy = descend(lambda t: np.array([t[0], 4 * t[1]]), [-2.0, 1.0], cost=bowl, rule=Momentum(0.5),
                    learning_rate=0.2, max_iter=10)
    fig = plotting.plot_race(bowl, {"plain": plain.path, "momentum": heavy.path}, xlim=(-3, 3), ylim=(-2, 2),
                             minimum=[0.0, 0.0])
    (ax,) = fig.axes
    lines = {line.get_label(): line for line in ax.lines}
    assert set(lines) == {"최솟값", "plain", "momentum", "출발점"}
    np.testing.assert_array_equal(lines["plain"].get_xydata(), plain.path)
    np.testing.assert_array_equal(lines["momentum"].get_xydata(), heavy.path)
    np.testing.assert_array_equal(lines["출발점"].get_xydata(), [[-2.0, 1.0]])
    np.testing.assert_array_equal(lines["최솟값"].get_xydata(), [[0.0, 0.0]])
    assert ax.collections, "no contour lines"
    assert ax.get_aspect() == 1.0 and ax.get_xlim() == (-3, 3) and ax.get_ylim() == (-2, 2)


def test_plot_race_draws_any_function_and_may_stretch_the_axes():
    fig = plotting.plot_race(rosenbrock, {"a": [[-1.2, 1.0], [1.0, 1.0]]}, xlim=(-2, 2), ylim=(-1, 3),
                             equal_aspect=False)
    assert fig.axes[0].get_aspect() == "auto"


@pytest.mark.parametrize(
    "f, message",
    [
        (lambda theta: 1.0, r"f\(theta\) must give one value per point"),
        (lambda theta: theta[0] * 0.0, "f is constant over the window"),
        (lambda theta: np.log(theta[0] - 5), "f contains NaN or infinity|the f overflows|f.*NaN"),
    ],
)
def test_plot_race_names_a_function_it_cannot_draw(f, message):
    with pytest.raises(ValueError, match=message):
        plotting.plot_race(f, {"a": [[0.0, 0.0]]})


def test_plot_race_blames_the_window_where_f_overflows_at_its_edge():
    # Found by the junk-argument test: an xlim of finite numbers so wide that f is infinite at its edge.
    with pytest.raises(ValueError, match=r"f\(theta\) must be finite where it is drawn \(the window xlim × ylim\)"):
        plotting.plot_race(bowl, {"a": [[0.0, 0.0]]}, xlim=(0.0, 1e155))


def test_plot_race_refuses_a_path_without_two_columns():
    with pytest.raises(ValueError, match=r"paths\['a'\] must have 2 columns"):
        plotting.plot_race(bowl, {"a": [[0.0, 0.0, 0.0]]})


def test_plot_rates_draws_theory_as_lines_and_measurements_as_markers():
    kappas = np.array([10.0, 100.0, 1000.0])
    fig = plotting.plot_rates(kappas, {"측정 A": 2 * kappas, "측정 B": np.sqrt(kappas)},
                              {"이론 A": 2 * kappas, "이론 B": np.sqrt(kappas)})
    (ax,) = fig.axes
    lines = {line.get_label(): line for line in ax.lines}
    assert lines["이론 A"].get_marker() in ("None", None, "") and lines["이론 A"].get_linestyle() == "-"
    assert lines["측정 A"].get_linestyle() == "None" and lines["측정 A"].get_marker() not in ("None", None, "")
    assert lines["측정 A"].get_color() == lines["이론 A"].get_color() != lines["측정 B"].get_color()
    np.testing.assert_array_equal(lines["측정 B"].get_ydata(), np.sqrt(kappas))
    assert ax.get_xscale() == ax.get_yscale() == "log"


def test_plot_rates_needs_positive_values_of_one_length():
    with pytest.raises(ValueError, match="kappas and measured\\['a'\\] must have the same length"):
        plotting.plot_rates([1.0, 2.0], {"a": [1.0]}, {})
    with pytest.raises(ValueError, match=r"predicted\['a'\] must be positive"):
        plotting.plot_rates([1.0, 2.0], {}, {"a": [1.0, 0.0]})
    with pytest.raises(ValueError, match="at least one series"):
        plotting.plot_rates([1.0, 2.0], {}, {})
