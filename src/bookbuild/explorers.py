"""Explorers: figures the reader can move, in plain JavaScript, with the book's numbers.

A chapter puts one next to the static figure it generalises::

    ```{explorer} learning-rate
    ```

The directive writes the explorer's container: its data as JSON (computed
here, at build time, by ``descent``: never typed by hand), a note for readers
without JavaScript (the static figure and its caption stay above it), and, for
print, the explorer's address with a QR code (``bookbuild.handout``'s
``handout-demo-link``, as demo links get). Only the pages that hold an
explorer load its scripts: the shared ``explorer.js`` (SVG drawing, state in
the URL hash, live region, copy button, predict-then-see) and one small file
per explorer, from ``static/explorers/``.

The scripts repeat ``descent``'s update in float64 (the browser tests hold
them equal to ``descent``); the data and the random orders of the stochastic
runs come from here. An explorer starts when the reader comes within a screen
of it, or at once, scrolled into view, from a link that carries its state.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import numpy as np
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

STATIC = Path(__file__).resolve().parent / "static" / "explorers"
SHARED = ["explorer.css", "explorer.js"]
#: Seeds and epochs whose shuffled row orders the variants explorer gets (numpy's, as descent draws them).
VARIANT_SEEDS = (0, 1, 2)
VARIANT_EPOCHS = 20


def cost_surface_data() -> tuple[np.ndarray, np.ndarray]:
    """The classroom notebook's five points ``y = x`` (book/cost-function.md)."""
    x = np.linspace(-1, 1, 5)
    return x, x.copy()


def row_orders(seed: int, m: int, epochs: int) -> list[list[int]]:
    """The row order of each epoch of a shuffled run with ``random_state=seed``, drawn as
    ``descent.optimizers`` draws them (one ``permutation(m)`` an epoch)."""
    from descent._validation import check_random_state

    rng = check_random_state(seed)
    return [rng.permutation(m).tolist() for _ in range(epochs)]


def explorer_data(name: str) -> dict:
    """What the explorer ``name`` needs from ``descent``."""
    import descent
    from descent.optimizers import EXPLOSION_FACTOR

    common = {"explosion": EXPLOSION_FACTOR}
    if name == "learning-rate":
        return common
    if name == "cost-surface":
        x, y = cost_surface_data()
        return {**common, "x": x.tolist(), "y": y.tolist()}
    if name == "variants":
        X, y, theta0 = descent.make_linear_data()
        orders = {str(seed): row_orders(seed, len(y), VARIANT_EPOCHS) for seed in VARIANT_SEEDS}
        return {**common, "x": X[:, 0].tolist(), "y": y.tolist(), "theta0": theta0.tolist(), "orders": orders}
    if name == "faster":
        # the chapter's race (book/faster.md): the valley of mu, L turned by tilt, Rosenbrock's function,
        # their starts and update budgets, and the tolerance a rule has to stay within
        return {**common, "mu": FASTER["mu"], "L": FASTER["L"], "cos": float(np.cos(FASTER["tilt"])),
                "sin": float(np.sin(FASTER["tilt"])), "starts": FASTER["starts"], "max_iter": FASTER["max_iter"],
                "tol": FASTER["tol"]}
    raise ValueError(f"no explorer named {name!r}; known: {', '.join(NAMES)}")


#: The race of book/faster.md, as the chapter sets it up (tests/book/test_explorers.py reads them there).
FASTER = {"mu": 0.2, "L": 4.0, "tilt": np.pi / 6, "starts": [[-5.0, -2.0], [-1.2, 1.0]], "max_iter": [300, 5000],
          "tol": 1e-6}

NAMES = {"learning-rate": "학습률", "cost-surface": "비용 곡면", "variants": "배치 크기", "faster": "더 빠른 규칙의 경주"}


def explorer_url(app: Sphinx, docname: str, name: str) -> str:
    """Where the explorer is published (``html_baseurl``), for the printed handout."""
    base = (app.config.html_baseurl or "").rstrip("/")
    return f"{base}/{docname}.html#explorer-{name}"


class ExplorerDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        from bookbuild.handout import qr_svg

        name = self.arguments[0]
        if name not in NAMES:
            raise self.error(f"no explorer named {name!r}; known: {', '.join(NAMES)}")
        data = json.dumps(explorer_data(name), separators=(",", ":")).replace("</", "<\\/")
        url = explorer_url(self.env.app, self.env.docname, name)
        markup = (
            f'<section class="explorer-box" id="explorer-{name}" aria-label="움직이는 그림: {NAMES[name]}">'
            f'<div class="explorer" data-explorer="{name}">'
            f'<script type="application/json" class="explorer-data">{data}</script>'
            '<p class="explorer-nojs">이 자리에는 직접 움직여 볼 수 있는 그림이 있다. '
            "자바스크립트를 켜면 보이며, 위의 그림이 같은 실험을 보여 준다.</p></div>"
            f'<div class="handout-demo-link handout-print-only">{qr_svg(url)}'
            f'<p class="handout-demo-url">{html.escape(url)}</p></div></section>'
        )
        return [nodes.raw("", markup, format="html")]


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The explorers' scripts and stylesheet, on the pages that hold one only."""
    body = context.get("body", "")
    used = [name for name in NAMES if f'data-explorer="{name}"' in body]
    if not used:
        return
    app.add_css_file("explorers/explorer.css")
    app.add_js_file("explorers/explorer.js", loading_method="defer")
    for name in used:
        app.add_js_file(f"explorers/{name}.js", loading_method="defer")


def _copy_assets(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "explorers"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(STATIC.iterdir()):
        if path.suffix in {".js", ".css"}:
            shutil.copyfile(path, target / path.name)


def setup(app: Sphinx) -> dict:
    app.add_directive("explorer", ExplorerDirective)
    app.connect("html-page-context", _page_assets)
    # Before bookbuild.fonts (priority 500) subsets the Hangul font to the text of the pages and scripts.
    app.connect("build-finished", _copy_assets, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
