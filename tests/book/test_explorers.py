"""The explorers (bookbuild.explorers): figures the reader moves, checked in headless Chromium.

For every explorer: keyboard and pointer change the figure; the URL hash holds
the state and opening it restores it; nonsense in the hash opens the defaults
with a note; the page's numbers equal ``descent``'s for the same settings, and
the code the page shows, run here, gives them too; axe finds nothing, nothing
is logged as an error, nothing is asked of another host, a phone does not
scroll sideways, and print shows the address and QR code instead.
"""

from __future__ import annotations

import contextlib
import gzip
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STATIC = ROOT / "src" / "bookbuild" / "static" / "explorers"
BUDGET = 40 * 1024  # compressed bytes an explorer may add to its page

#: The rules the faster explorer races (its checkboxes), by their keys and the names its code gives them.
FASTER_RULES = {"plain": "경사 하강법", "momentum": "모멘텀", "nesterov": "네스테로프", "rmsprop": "RMSProp", "adam": "Adam"}
ALL_RULES = dict.fromkeys(FASTER_RULES, 1)

# explorer: (page, a few states to compare with descent, the defaults, a state past the limit)
EXPLORERS = {
    "learning-rate": ("book/learning-rate.html", [
        {"lr": 0.55, "x0": 3, "steps": 10}, {"lr": 0.1, "x0": -1.5, "steps": 50},
        {"lr": 0.45, "x0": 2.2, "steps": 17}, {"lr": 0.25, "x0": 4, "steps": 3}, {"lr": 1, "x0": 3, "steps": 50},
    ], {"lr": 0.1, "x0": 3, "steps": 10}),
    "cost-surface": ("book/cost-function.html", [
        {"lr": 0.5, "b": -2.5, "w": -2, "steps": 20}, {"lr": 1.8, "b": -2.5, "w": -2, "steps": 20},
        {"lr": 0.07, "b": 2.9, "w": -0.3, "steps": 50}, {"lr": 2.3, "b": 1, "w": 1, "steps": 50},
    ], {"lr": 0.5, "b": -2.5, "w": -2, "steps": 20}),
    "variants": ("book/variants.html", [
        {"batch": 10, "epochs": 3, "lr": 0.1, "seed": 0}, {"batch": 1, "epochs": 20, "lr": 0.1, "seed": 2},
        {"batch": 7, "epochs": 5, "lr": 0.3, "seed": 1}, {"batch": 100, "epochs": 20, "lr": 0.1, "seed": 0},
        {"batch": 1, "epochs": 4, "lr": 0.95, "seed": 1},
    ], {"batch": 10, "epochs": 3, "lr": 0.1, "seed": 0}),
    "faster": ("book/faster.html", [
        # each rule on each surface, the chapter's starts and others, one state where three rules diverge
        {**ALL_RULES, "surface": 0, "lr": 0.1, "beta": 0.9, "t1": -5, "t2": -2},
        {**ALL_RULES, "surface": 0, "lr": 0.45, "beta": 0.5, "t1": -5, "t2": -2},
        {**ALL_RULES, "surface": 1, "lr": 0.001, "beta": 0.9, "t1": -1.2, "t2": 1},
        {**ALL_RULES, "surface": 1, "lr": 0.01, "beta": 0.7, "t1": -1.2, "t2": 1},
        {**ALL_RULES, "plain": 0, "nesterov": 0, "adam": 0, "surface": 1, "lr": 0.002, "beta": 0.9, "t1": 0.5, "t2": -0.3},
    ], {**ALL_RULES, "surface": 0, "lr": 0.1, "beta": 0.9, "t1": -5, "t2": -2}),
}
NONSENSE = ["lr=abc", "lr=1e308", "steps=-3", "epochs=-3", "batch=0.5", "lr=", "lr=NaN", "x0=Infinity", "seed=7",
            "surface=2", "adam=0.5", "beta=1", "t1=99", "lr=0"]


def df(x):
    return -2 * (2 - 2 * x)


def faster_surface(which: int):
    """The chapter's surfaces (book/faster.md): (cost, gradient, start, updates), with the chapter's constants."""
    from bookbuild.explorers import FASTER

    mu, L, tilt = FASTER["mu"], FASTER["L"], FASTER["tilt"]
    cos_t, sin_t = np.cos(tilt), np.sin(tilt)

    def tilted(theta):
        u = cos_t * theta[0] + sin_t * theta[1]
        v = -sin_t * theta[0] + cos_t * theta[1]
        return 0.5 * (mu * u**2 + L * v**2)

    def tilted_gradient(theta):
        u = cos_t * theta[0] + sin_t * theta[1]
        v = -sin_t * theta[0] + cos_t * theta[1]
        return mu * u * np.array([cos_t, sin_t]) + L * v * np.array([-sin_t, cos_t])

    def rosenbrock(theta):
        return (1 - theta[0]) ** 2 + 100 * (theta[1] - theta[0] ** 2) ** 2

    def rosenbrock_gradient(theta):
        # the chapter's, with x * x for x ** 2 (the C library's pow can differ from the product in the last bit;
        # the browser's and the shown code's product do not)
        return np.array([-2 * (1 - theta[0]) - 400 * theta[0] * (theta[1] - theta[0] * theta[0]),
                         200 * (theta[1] - theta[0] * theta[0])])

    if which == 0:
        return tilted, tilted_gradient, FASTER["starts"][0], FASTER["max_iter"][0]
    return rosenbrock, rosenbrock_gradient, FASTER["starts"][1], FASTER["max_iter"][1]


def faster_runs(state: dict) -> dict:
    """descent.gradient_descent for each racing rule of the faster explorer, with the costs along each path."""
    import descent

    f, gradient, _, n = faster_surface(state["surface"])
    make = {"plain": lambda: descent.Plain(), "momentum": lambda: descent.Momentum(beta=state["beta"]),
            "nesterov": lambda: descent.Nesterov(beta=state["beta"]), "rmsprop": lambda: descent.RMSProp(),
            "adam": lambda: descent.Adam()}
    runs = {}
    for key in FASTER_RULES:
        if state[key]:
            run = descent.gradient_descent(gradient, np.array([float(state["t1"]), float(state["t2"])]),
                                           learning_rate=state["lr"], max_iter=n, rule=make[key]())
            runs[key] = (run, np.array([f(point) for point in run.path]))
    return runs


def descent_run(name: str, state: dict):
    """The run the explorer shows, computed by descent."""
    import descent

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", descent.DivergenceWarning)
        if name == "faster":
            return faster_runs(state)
        if name == "learning-rate":
            return descent.gradient_descent(df, float(state["x0"]), learning_rate=state["lr"], max_iter=state["steps"])
        if name == "cost-surface":
            x = np.linspace(-1, 1, 5)
            return descent.linear_regression_gd(descent.add_intercept(x), x.copy(), [state["b"], state["w"]],
                                                learning_rate=state["lr"], max_iter=state["steps"])
        X, y, theta0 = descent.make_linear_data()
        return descent.linear_regression_gd(descent.add_intercept(X), y, theta0, learning_rate=state["lr"],
                                            max_iter=state["epochs"], batch_size=state["batch"], random_state=state["seed"])


def assert_same(page: dict, run) -> None:
    """The page's numbers (explorerResult) against a descent run, to 1e-9 (relative for large values)."""
    if isinstance(run, dict):  # the faster explorer: a run, and its costs, for each racing rule
        assert set(page["runs"]) == set(run)
        for key, (one, costs) in run.items():
            assert page["runs"][key]["divergedAt"] == one.diverged_at, key
            assert np.allclose(np.array(page["runs"][key]["path"], dtype=float), one.path, rtol=1e-9, atol=1e-9), key
            assert np.allclose(page["runs"][key]["costs"], costs, rtol=1e-9, atol=1e-12), key
        return
    assert page["divergedAt"] == run.diverged_at
    assert np.allclose(np.array(page["path"], dtype=float), run.path, rtol=1e-9, atol=1e-9)
    if run.costs is not None:
        assert np.allclose(page["costs"], run.costs, rtol=1e-9, atol=1e-12)
        assert np.allclose(page["costPerEpoch"], run.cost_per_epoch, rtol=1e-9, atol=1e-12)


def run_shown_code(code: str):
    """Run the page's code as a reader would paste it; returns the namespace's ``run``."""
    import descent

    namespace: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", descent.DivergenceWarning)
        exec(compile(code, "<explorer code>", "exec"), namespace)
    if "runs" in namespace:  # the faster explorer: one run per racing rule, by its name
        names = {name: key for key, name in FASTER_RULES.items()}
        return {names[name]: run for name, run in namespace["runs"].items()}
    return namespace["run"]


def as_written(value: float, digits: int = 4) -> str:
    """A number as the explorers write it (explorer.js fmt): fixed digits, an exponent when very large or small."""
    if 0 < abs(value) < 10**-digits or abs(value) >= 1e6:
        mantissa, exponent = f"{value:.2e}".split("e")
        return f"{mantissa}e{int(exponent)}"
    return f"{value:.{digits}f}"


def hash_of(state: dict) -> str:
    return "#" + "&".join(f"{k}={v}" for k, v in state.items())


DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def tab(site, chromium):
    """A tab that records console errors and requests to other hosts, with axe loaded."""
    context = chromium.new_context(viewport=DESKTOP, reduced_motion="reduce")
    if AXE.is_file():
        context.add_init_script(path=str(AXE))
    page = context.new_page()
    origin = "/".join(site.split("/")[:3])
    page.errors, page.elsewhere = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:")) else page.elsewhere.append(r.url))
    yield page
    context.close()


@contextlib.contextmanager
def at_phone_width(tab):
    """The tab at a phone's width for the block, then back at the fixture's desktop width."""
    tab.set_viewport_size(PHONE)
    try:
        yield
    finally:
        tab.set_viewport_size(DESKTOP)


def open_explorer(tab, site: str, name: str, fragment: str = "") -> None:
    # a fresh document each time (a changed hash alone would not reload the page)
    tab.goto("about:blank")
    tab.goto(site + EXPLORERS[name][0] + fragment, wait_until="load")
    tab.locator(root(name)).scroll_into_view_if_needed()  # an explorer starts as the reader nears it
    tab.wait_for_selector(f'{root(name)}.explorer-ready')


def root(name: str) -> str:
    return f'.explorer[data-explorer="{name}"]'


def page_state(tab, name: str) -> dict:
    return tab.eval_on_selector(root(name), "el => ({state: el.explorerState, result: el.explorerResult, "
                                "status: el.querySelector('.explorer-status').textContent, "
                                "code: el.querySelector('.explorer-code code').textContent, "
                                "note: el.querySelector('.explorer-note').textContent, "
                                "drawn: el.querySelector('svg').innerHTML})")


@pytest.mark.parametrize("name", EXPLORERS)
def test_page_numbers_equal_descent_and_the_shown_code_reproduces_them(tab, site, name):
    for state in EXPLORERS[name][1]:
        open_explorer(tab, site, name, hash_of(state))
        seen = page_state(tab, name)
        assert seen["state"] == state
        run = descent_run(name, state)
        assert_same(seen["result"], run)
        shown = run_shown_code(seen["code"])
        if name == "faster":  # a run for each racing rule; the costs are the chapter's function along the path
            assert_same(seen["result"], {key: (one, run[key][1]) for key, one in shown.items()})
            faster_status_says(seen["status"], run)
            continue
        assert_same(seen["result"], shown)
        if run.diverged_at:
            assert "발산" in seen["status"], seen["status"]
        else:
            # the last numbers, as the words say them
            last = np.atleast_1d(run.path[-1])
            for value in last:
                assert as_written(value) in seen["status"], (value, seen["status"])
    assert tab.errors == [] and tab.elsewhere == []


def settles_at(costs, tol: float):
    """The chapter's settles_at: the first update after which the cost stays below tol, or None."""
    outside = np.flatnonzero(np.asarray(costs) >= tol)
    first = outside[-1] + 1 if len(outside) else 0
    return int(first) if first < len(costs) else None


def faster_status_says(status: str, runs: dict) -> None:
    """The words of the faster explorer: the first rule to settle within the tolerance, the rules that diverged and where."""
    from bookbuild.explorers import FASTER

    settled = {key: settles_at(costs, FASTER["tol"]) for key, (run, costs) in runs.items() if run.diverged_at is None}
    arrived = sorted((steps, key) for key, steps in settled.items() if steps is not None)
    if arrived:
        steps, key = arrived[0]
        assert f"가장 먼저 들어와 머문 규칙: {FASTER_RULES[key]} ({steps}번째 갱신부터)" in status, status
    else:
        assert "머문 규칙이 없다" in status, status
    diverged = [(key, run.diverged_at) for key, (run, _) in runs.items() if run.diverged_at is not None]
    for key, at in diverged:
        assert f"{FASTER_RULES[key]} ({at}번째 갱신에서" in status, status
    assert ("발산" in status) == bool(diverged), status


def test_faster_uses_the_chapters_race(book_html):
    """The explorer's surfaces, starts and budgets are the ones book/faster.md races on."""
    from bookbuild.explorers import FASTER

    chapter = (ROOT / "book" / "faster.md").read_text(encoding="utf-8")
    for line in ["mu, L = 0.2, 4.0", "tilt = np.pi / 6", "race_tol = 1e-6",
                 "quadratic_race = tune(tilted, tilted_gradient, np.array([-5.0, -2.0]), max_iter=300, tol=race_tol)",
                 "rosenbrock_race = tune(rosenbrock, rosenbrock_gradient, np.array([-1.2, 1.0]), max_iter=5000, tol=race_tol)",
                 "return (1 - theta[0]) ** 2 + 100 * (theta[1] - theta[0] ** 2) ** 2"]:
        assert line in chapter, line
    assert FASTER["starts"] == [[-5.0, -2.0], [-1.2, 1.0]] and FASTER["max_iter"] == [300, 5000]
    assert (FASTER["mu"], FASTER["L"], FASTER["tilt"], FASTER["tol"]) == (0.2, 4.0, np.pi / 6, 1e-6)
    # the explorer stands after the race figures
    html = (book_html / "book" / "faster.html").read_text(encoding="utf-8")
    assert html.index("fig-fast-race-rosenbrock") < html.index('data-explorer="faster"')
    # the product the browser computes is the chapter's power, to the last bits
    _, gradient, _, _ = faster_surface(1)
    for theta in np.random.default_rng(0).uniform(-2, 2, (200, 2)):
        chapter_gradient = np.array([-2 * (1 - theta[0]) - 400 * theta[0] * (theta[1] - theta[0] ** 2),
                                     200 * (theta[1] - theta[0] ** 2)])
        assert np.allclose(gradient(theta), chapter_gradient, rtol=1e-13, atol=1e-12)


def test_faster_keyboard_moves_alpha_on_a_log_scale_and_a_new_surface_starts_at_its_start(tab, site):
    state = {**ALL_RULES, "surface": 0, "lr": 0.1, "beta": 0.9, "t1": -5, "t2": -2}
    open_explorer(tab, site, "faster", hash_of(state))
    slider = tab.get_by_label("학습률 α (로그 눈금)")
    slider.focus()
    for _ in range(4):
        slider.press("ArrowRight")
    seen = page_state(tab, "faster")
    assert seen["state"]["lr"] == pytest.approx(10 ** (-1 + 4 * 0.05), rel=5e-3)  # 0.158: four steps of 10^0.05
    assert f"lr={seen['state']['lr']}" in tab.evaluate("location.hash")
    assert f"learning_rate={seen['state']['lr']}" in seen["code"]
    assert_same(seen["result"], descent_run("faster", seen["state"]))
    tab.get_by_label("곡면", exact=True).select_option("1")
    seen = page_state(tab, "faster")
    assert (seen["state"]["surface"], seen["state"]["t1"], seen["state"]["t2"]) == (1, -1.2, 1)
    assert "로젠브록" in seen["status"] and "max_iter=5000" in seen["code"]
    assert_same(seen["result"], descent_run("faster", seen["state"]))
    # a rule left out of the race leaves the figure, the words and the code
    tab.get_by_label("RMSProp", exact=False).uncheck()
    seen = page_state(tab, "faster")
    assert seen["state"]["rmsprop"] == 0 and "RMSProp" not in seen["code"] and "rmsprop" not in seen["result"]["runs"]


def test_learning_rate_arrow_keys_past_two_over_l_diverge(tab, site):
    """The issue's reader: α moved past 2/L with the arrow keys; the steps fly apart and the words say so."""
    open_explorer(tab, site, "learning-rate", "#lr=0.45&x0=3&steps=50")
    before = page_state(tab, "learning-rate")
    assert "발산" not in before["status"] and "수렴" in before["status"]
    slider = tab.get_by_label("학습률 α")
    slider.focus()
    for _ in range(10):
        slider.press("ArrowRight")
    after = page_state(tab, "learning-rate")
    assert after["state"]["lr"] == pytest.approx(0.55)
    assert "발산" in after["status"] and after["drawn"] != before["drawn"]
    assert "lr=0.55" in tab.evaluate("location.hash")
    run = run_shown_code(after["code"])
    assert run.diverged_at == after["result"]["divergedAt"] == descent_run("learning-rate", after["state"]).diverged_at
    live = tab.eval_on_selector(root("learning-rate") + " .explorer-status", "el => el.getAttribute('aria-live')")
    assert live == "polite"


@pytest.mark.parametrize("name", EXPLORERS)
def test_keyboard_and_pointer_change_the_figure(tab, site, name):
    open_explorer(tab, site, name, hash_of(EXPLORERS[name][2]))
    first = page_state(tab, name)
    # keyboard: every slider answers the arrow keys (a select the arrow keys too)
    for control in tab.query_selector_all(root(name) + " .explorer-controls input, " + root(name) + " .explorer-controls select"):
        before = page_state(tab, name)["state"]
        control.focus()
        kind = control.evaluate("el => el.type")
        control.press({"checkbox": "Space", "range": "ArrowRight"}.get(kind, "ArrowDown"))
        assert page_state(tab, name)["state"] != before
    moved = page_state(tab, name)
    assert moved["drawn"] != first["drawn"] and moved["code"] != first["code"]
    # pointer: a click on the figure (the start of the path), or on a slider's track
    if name == "variants":
        tab.get_by_role("slider", name="배치 크기").click(position={"x": 3, "y": 8})
        assert page_state(tab, name)["state"]["batch"] == 1
    else:
        box = tab.query_selector(root(name) + " svg").bounding_box()
        tab.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4)
        clicked = page_state(tab, name)
        key = {"learning-rate": "x0", "faster": "t1"}.get(name, "b")
        assert clicked["state"][key] != moved["state"][key]
        assert_same(clicked["result"], descent_run(name, clicked["state"]))
    if name == "learning-rate":  # the start can be dragged along the curve
        handle = tab.query_selector(root(name) + " .explorer-handle").bounding_box()
        x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
        start = page_state(tab, name)["state"]["x0"]
        tab.mouse.move(x, y)
        tab.mouse.down()
        tab.mouse.move(x + 60, y, steps=5)
        tab.mouse.up()
        assert page_state(tab, name)["state"]["x0"] > start
    assert tab.errors == []


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_url_round_trips_the_state(tab, site, name):
    state = EXPLORERS[name][1][2]
    open_explorer(tab, site, name, hash_of(state))
    seen = page_state(tab, name)
    assert seen["state"] == state and seen["note"] == ""
    first_slider = tab.query_selector(root(name) + " .explorer-controls input[type=range]")
    first_slider.focus()
    first_slider.press("ArrowLeft")
    changed = page_state(tab, name)["state"]
    link = tab.url
    assert "#" in link and all(f"{k}=" in link for k in state)
    tab.goto("about:blank")
    tab.goto(link, wait_until="load")
    tab.wait_for_selector(root(name) + ".explorer-ready")
    assert page_state(tab, name)["state"] == changed
    # a question opens only without a state in the link
    assert tab.query_selector(root(name) + " .explorer-predict") is None


@pytest.mark.parametrize("name", EXPLORERS)
def test_a_nonsense_link_opens_the_defaults_with_a_note(tab, site, name):
    defaults = EXPLORERS[name][2]
    keys = set(defaults)
    for junk in NONSENSE:
        if junk.split("=")[0] not in keys:
            continue
        open_explorer(tab, site, name, "#" + junk)
        seen = page_state(tab, name)
        assert seen["state"] == defaults, junk
        assert "기본 설정" in seen["note"], junk
        assert "<polyline" in seen["drawn"] and seen["status"]
        assert_same(seen["result"], descent_run(name, defaults))
    # a heading's anchor is no state: no note
    open_explorer(tab, site, name, "#explorer-" + name)
    assert page_state(tab, name)["note"] == ""
    assert tab.errors == []


@pytest.mark.parametrize("name", EXPLORERS)
def test_an_explorer_starts_as_the_reader_nears_it_or_at_once_from_a_link(tab, site, name):
    screen = PHONE["height"]
    with at_phone_width(tab):
        tab.goto("about:blank")
        tab.goto(site + EXPLORERS[name][0], wait_until="load")
        tab.wait_for_timeout(300)
        box = tab.query_selector(root(name)).bounding_box()
        assert box["y"] > 2 * screen, "the explorer should start below the first two screens for this test to mean anything"
        assert not tab.is_visible(root(name) + ".explorer-ready")  # nothing computed while the reader is above
        tab.evaluate("(y) => window.scrollTo(0, y)", box["y"] - 1.5 * screen)  # within a screen of it
        tab.wait_for_selector(root(name) + ".explorer-ready")
        # a link with a state opens the explorer at once, on screen
        state = EXPLORERS[name][2]
        tab.goto("about:blank")
        tab.goto(site + EXPLORERS[name][0] + hash_of(state), wait_until="load")
        tab.wait_for_selector(root(name) + ".explorer-ready")
        top = tab.evaluate("(sel) => document.querySelector(sel).getBoundingClientRect().top", root(name))
        assert 0 <= top < screen
        assert page_state(tab, name)["state"] == state
    assert tab.errors == []


# Pairs of an axis label and a tick label (or two tick labels) of one axes that overlap on screen.
OVERLAPPING_LABELS = """(sel) => [...document.querySelectorAll(sel + ' g.explorer-axes')].flatMap(g => {
  const boxes = [...g.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()]);
  const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return boxes.flatMap(([s, a], i) => boxes.slice(i + 1).filter(([, b]) => meet(a, b)).map(([t]) => s + ' / ' + t));
})"""


@pytest.mark.parametrize("name", EXPLORERS)
def test_axis_labels_stay_clear_of_the_tick_labels_on_a_phone(tab, site, name):
    """A y axis on a log scale runs to ticks such as 1e-20 (faster's Rosenbrock race): its label ran into them."""
    with at_phone_width(tab):
        for state in EXPLORERS[name][1]:
            open_explorer(tab, site, name, hash_of(state))
            assert tab.evaluate(OVERLAPPING_LABELS, root(name)) == [], state


@pytest.mark.parametrize("name", EXPLORERS)
def test_predict_then_see(tab, site, name):
    open_explorer(tab, site, name)
    question = tab.query_selector(root(name) + " .explorer-predict")
    assert question is not None
    seen = page_state(tab, name)
    assert "질문에 답하면" in seen["status"]
    question.query_selector_all("button")[0].click()
    answered = page_state(tab, name)
    explanation = question.query_selector(".explorer-predict-result").text_content()
    assert explanation.startswith(("맞다", "아니다")) and len(explanation) > 30
    assert "질문에 답하면" not in answered["status"] and answered["drawn"] != seen["drawn"]
    assert_same(answered["result"], descent_run(name, answered["state"]))


@pytest.mark.parametrize("name", EXPLORERS)
def test_axe_console_requests_and_phone_width(tab, site, name):
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci` (make setup installs it)")
    tab.errors.clear(), tab.elsewhere.clear()
    open_explorer(tab, site, name)
    tab.query_selector(root(name) + " .explorer-predict button").click()
    violations = tab.evaluate("""async (sel) => (await axe.run(document.querySelector(sel).closest('section'),
        {resultTypes: ['violations']})).violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(' | ')}`)""",
                              root(name))
    assert violations == []
    labels = tab.eval_on_selector_all(root(name) + " input, " + root(name) + " select",
                                      "els => els.map(el => el.labels.length && el.labels[0].textContent)")
    assert labels and all(re.search(r"[\uac00-\ud7a3]", label or "") for label in labels)
    with at_phone_width(tab):
        assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        box = tab.query_selector(root(name)).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert tab.errors == [] and tab.elsewhere == []


@pytest.mark.parametrize("name", EXPLORERS)
def test_print_shows_the_address_and_qr_code_instead(tab, site, name):
    open_explorer(tab, site, name)
    tab.emulate_media(media="print")
    try:
        assert not tab.is_visible(root(name))
        link = tab.query_selector(f"#explorer-{name} .handout-demo-link")
        assert link.is_visible() and link.query_selector("svg.handout-qr")
        assert link.text_content().strip().endswith(f"{EXPLORERS[name][0]}#explorer-{name}")
    finally:
        tab.emulate_media(media="screen")


def test_without_javascript_the_static_figure_and_a_note_remain(site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    for name, (path, *_) in EXPLORERS.items():
        page.goto(site + path)
        assert page.is_visible(f"{root(name)} .explorer-nojs")
        assert page.locator("figure").count() >= 1
    context.close()


def test_explorers_load_only_where_used_and_stay_small(book_html):
    """Only pages with an explorer load its files, and each page's explorers add at most 40 KiB compressed."""
    for page in (book_html / "book").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        used = set(re.findall(r'data-explorer="([\w-]+)"', text))
        loaded = set(re.findall(r'_static/explorers/([\w-]+)\.js', text)) - {"explorer"}
        assert loaded == used, page.name
        if not used:
            assert "explorers/explorer.css" not in text
            continue
        data = "".join(re.findall(r'<script type="application/json" class="explorer-data">(.*?)</script>', text))
        files = ["explorer.js", "explorer.css", *(f"{n}.js" for n in used)]
        added = sum(len(gzip.compress((book_html / "_static" / "explorers" / f).read_bytes(), 9)) for f in files)
        added += len(gzip.compress(data.encode(), 9))
        assert added <= BUDGET, (page.name, added)
    assert math.isclose(len(list(STATIC.glob("*.js"))), 1 + len(EXPLORERS))
