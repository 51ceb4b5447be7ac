"""How much room a formula will take once MathJax has typeset it, from its TeX.

The pages load MathJax after the text is painted (see ``__init__.py``), so a
formula is first laid out as its hidden TeX source: ``\\(\\theta\\)`` takes the
room of ten characters and shrinks to one when typeset, and the rest of the
paragraph, and everything below it, moves; a displayed formula's source
wraps over as many lines as it is long, whatever its typeset height. The page
reserves for each formula the room estimated here instead, so the text stays
where it is.

The width of inline math follows TeX's layout of a formula in text style,
simplified: the glyph widths of MathJax's TeX fonts (Computer Modern), the
spaces TeX puts around binary operators, relations and punctuation, scripts at
70 %, inline fractions and roots. The height of displayed math is that of its
tallest part (a sum with limits, a fraction, a script), row by row.
``tests/test_pages.py`` compares both with what MathJax gives every formula of
the book.
"""

from __future__ import annotations

import re

# MathJax scales its fonts so that their x-height matches the surrounding
# text's; with the book's body font that is this factor (measured in the
# browser on the built pages: typeset width over TeX width).
SCALE = 1.19
SCRIPT = 0.7  # size of sub- and superscripts in text style
SCRIPT_SPACE = 0.05  # TeX's \\scriptspace after a sub- or superscript
FRACTION_PAD = 0.44  # MathJax's room around an inline fraction (measured)
THIN, MEDIUM, THICK = 0.167, 0.222, 0.278

# Widths in em of Computer Modern math italic (cmmi10), by letter; with the
# italic correction MathJax adds to a letter that leans far out (f, J, X).
ITALIC = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    [0.529, 0.429, 0.433, 0.520, 0.466, 0.598, 0.477, 0.576, 0.345, 0.412, 0.521, 0.298, 0.878,
     0.600, 0.485, 0.503, 0.446, 0.451, 0.469, 0.361, 0.572, 0.485, 0.716, 0.572, 0.490, 0.465,
     0.750, 0.759, 0.715, 0.828, 0.738, 0.643, 0.786, 0.831, 0.440, 0.633, 0.849, 0.681, 0.970,
     0.803, 0.763, 0.642, 0.791, 0.759, 0.613, 0.584, 0.683, 0.583, 0.944, 0.852, 0.581, 0.683]))
UPRIGHT = 0.5  # digits and upright lower-case letters, on average (cmr10 digits are all 0.5)
UPRIGHT_CAPITAL = 0.75

# Symbols: (width, TeX class). Classes: ord, bin (binary operator), rel
# (relation), open, close, punct, op (large operator).
SYMBOLS = {
    "+": (0.778, "bin"), "-": (0.778, "bin"), "*": (0.5, "bin"),
    "=": (0.778, "rel"), "<": (0.778, "rel"), ">": (0.778, "rel"),
    "(": (0.389, "open"), ")": (0.389, "close"), "[": (0.278, "open"), "]": (0.278, "close"),
    "|": (0.278, "ord"), "/": (0.5, "ord"), ".": (0.278, "ord"), ",": (0.278, "punct"),
    ";": (0.278, "punct"), ":": (0.278, "rel"), "!": (0.278, "close"), "'": (0.2, "ord"),  # a prime is a superscript
    "\\alpha": (0.640, "ord"), "\\beta": (0.566, "ord"), "\\gamma": (0.518, "ord"),
    "\\delta": (0.444, "ord"), "\\epsilon": (0.406, "ord"), "\\varepsilon": (0.466, "ord"),
    "\\zeta": (0.438, "ord"), "\\eta": (0.497, "ord"), "\\theta": (0.469, "ord"),
    "\\kappa": (0.576, "ord"), "\\lambda": (0.583, "ord"), "\\mu": (0.603, "ord"),
    "\\nu": (0.494, "ord"), "\\xi": (0.438, "ord"), "\\pi": (0.570, "ord"), "\\rho": (0.517, "ord"),
    "\\sigma": (0.571, "ord"), "\\tau": (0.437, "ord"), "\\phi": (0.596, "ord"),
    "\\varphi": (0.654, "ord"), "\\chi": (0.626, "ord"), "\\psi": (0.651, "ord"),
    "\\omega": (0.622, "ord"), "\\ell": (0.417, "ord"), "\\Delta": (0.833, "ord"),
    "\\nabla": (0.833, "ord"), "\\partial": (0.566, "ord"), "\\infty": (1.0, "ord"),
    "\\top": (0.778, "ord"), "\\ast": (0.5, "bin"), "\\cdot": (0.278, "bin"),
    "\\times": (0.778, "bin"), "\\pm": (0.778, "bin"), "\\circ": (0.5, "bin"),
    "\\leftarrow": (1.0, "rel"), "\\rightarrow": (1.0, "rel"), "\\to": (1.0, "rel"),
    "\\approx": (0.778, "rel"), "\\le": (0.778, "rel"), "\\leq": (0.778, "rel"),
    "\\ge": (0.778, "rel"), "\\geq": (0.778, "rel"), "\\ne": (0.778, "rel"),
    "\\neq": (0.778, "rel"), "\\in": (0.667, "rel"), "\\sim": (0.778, "rel"),
    "\\lvert": (0.278, "open"), "\\rvert": (0.278, "close"),
    "\\lVert": (0.5, "open"), "\\rVert": (0.5, "close"),
    "\\lceil": (0.444, "open"), "\\rceil": (0.444, "close"),
    "\\lfloor": (0.444, "open"), "\\rfloor": (0.444, "close"),
    "\\{": (0.5, "open"), "\\}": (0.5, "close"), "\\|": (0.5, "ord"),
    "\\sum": (1.056, "op"), "\\prod": (0.944, "op"), "\\ldots": (1.172, "ord"),
    "\\dots": (1.172, "ord"), "\\cdots": (1.172, "ord"),
}
SPACES = {"\\,": THIN, "\\:": MEDIUM, "\\>": MEDIUM, "\\;": THICK, "\\!": -THIN,
          "\\ ": 0.25, "~": 0.25, "\\quad": 1.0, "\\qquad": 2.0}
FUNCTIONS = {"\\ln", "\\log", "\\exp", "\\min", "\\max", "\\sin", "\\cos", "\\tan", "\\arg", "\\det"}
ACCENTS = {"\\hat", "\\bar", "\\tilde", "\\vec", "\\dot", "\\overline", "\\widehat", "\\mathbf",
           "\\boldsymbol", "\\mathit", "\\mathcal", "\\mathrm", "\\operatorname", "\\text", "\\textrm"}
IGNORED = {"\\left", "\\right", "\\big", "\\Big", "\\bigl", "\\bigr", "\\displaystyle", "\\limits"}
UPRIGHT_GROUPS = {"\\mathrm", "\\operatorname", "\\text", "\\textrm"}
# The thin spaces TeX puts between neighbours, by their classes (text style).
GAPS = {("ord", "op"): THIN, ("op", "ord"): THIN, ("close", "op"): THIN, ("op", "op"): THIN,
        ("punct", "ord"): THIN, ("punct", "open"): THIN, ("punct", "op"): THIN}

TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|[{}^_]|\s+|.")


def _glyph(char: str, upright: bool) -> float:
    if char in ITALIC and not upright:
        return ITALIC[char]
    if "\uac00" <= char <= "\ud7a3":  # Hangul, set in the page's font at the math's size
        return 1.0 / SCALE
    return UPRIGHT_CAPITAL if char.isupper() else UPRIGHT


class _Reader:
    def __init__(self, tex: str):
        self.tokens = [t for t in TOKEN.findall(tex) if not t.isspace()]
        self.at = 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def next(self) -> str | None:
        token = self.peek()
        self.at += 1
        return token

    def argument(self, upright: bool, script: bool) -> float:
        """The width of the next argument: a braced group or a single token."""
        if self.peek() == "{":
            self.at += 1
            return self.row(upright, script, until="}")
        token = self.next()
        return 0.0 if token is None else self.atom(token, upright, script)[0]

    def atom(self, token: str, upright: bool, script: bool) -> tuple[float, str]:
        if token in SYMBOLS:
            return SYMBOLS[token]
        if token in SPACES:
            return SPACES[token], "space"
        if token in FUNCTIONS:
            return sum(_glyph(char, True) for char in token[1:]) * 1.1, "op"  # roman: wider than digits
        if token in ("\\frac", "\\tfrac", "\\dfrac"):
            small = token != "\\dfrac"  # inline, numerator and denominator are script size
            width = max(self.argument(upright, small or script), self.argument(upright, small or script))
            return width * (SCRIPT if small else 1.0) + FRACTION_PAD, "ord"
        if token == "\\sqrt":
            return self.argument(upright, script) + 0.833, "ord"
        if token in ACCENTS:
            return self.argument(upright or token in UPRIGHT_GROUPS, script), "ord"
        if token.startswith("\\"):
            return 0.6, "ord"  # a symbol this table does not know
        return _glyph(token, upright), "ord"

    def row(self, upright: bool = False, script: bool = False, until: str | None = None) -> float:
        width, previous = 0.0, None
        while (token := self.next()) is not None and token != until:
            if token in IGNORED:
                continue
            if token in ("^", "_"):
                # scripts of the previous atom: a subscript and a superscript stack
                scripts = self.argument(upright, True) * SCRIPT
                if self.peek() in ("^", "_") and self.peek() != token:
                    self.at += 1
                    scripts = max(scripts, self.argument(upright, True) * SCRIPT)
                width += scripts + SCRIPT_SPACE
                continue
            if token == "{":
                current, kind = self.row(upright, script, until="}"), "ord"
            else:
                current, kind = self.atom(token, upright, script)
            if kind == "space":
                width += current
                continue
            if kind == "bin" and previous in (None, "bin", "rel", "open", "punct", "op"):
                kind = "ord"  # a sign, not an operator: -1, (-2.5)
            width += current + _gap(previous, kind, script)
            previous = kind
        if previous == "bin":
            width -= MEDIUM  # a trailing operator has no right neighbour
        return width


def _gap(left: str | None, right: str, script: bool) -> float:
    """TeX's space between neighbouring atoms (The TeXbook, ch. 18); in scripts only the thin ones."""
    if left is None:
        return 0.0
    if script:
        return THIN if "op" in (left, right) and "punct" not in (left, right) else 0.0
    if right == "rel" and left in ("ord", "op", "close"):
        return THICK
    if left == "rel" and right in ("ord", "op", "open"):
        return THICK
    if (left, right) in (("ord", "bin"), ("close", "bin"), ("bin", "ord"), ("bin", "op"), ("bin", "open")):
        return MEDIUM
    return GAPS.get((left, right), 0.0)


def inline_width(tex: str) -> float:
    """The width, in em of the surrounding text, of inline math ``tex`` once typeset.

    Examples
    --------
    >>> round(inline_width(r"\\theta"), 2)
    0.56
    """
    return _Reader(tex).row() * SCALE


# Heights in em of the text, measured on MathJax's output: a displayed row
# with nothing tall in it, and with its tallest part; the margins around it.
ROW = 1.39
TALL_PARTS = [
    (re.compile(r"\\(sum|prod)(?![a-zA-Z])"), 3.45),  # with limits above and below
    (re.compile(r"\\d?frac(?![a-zA-Z])"), 2.65),
    (re.compile(r"\\operatorname\*|\\(min|max|lim)_"), 2.26),  # limits below
    (re.compile(r"\\tfrac(?![a-zA-Z])"), 1.65),
    (re.compile(r"\^|\\(lvert|left|bigl)(?![a-zA-Z])"), 1.57),
]
DISPLAY_MARGINS = 2.39
ROW_BREAK = re.compile(r"\\\\")


def display_height(tex: str) -> float:
    """The height, in em of the surrounding text, of displayed math ``tex`` once typeset, margins included.

    Examples
    --------
    >>> display_height(r"x_{k+1} = x_k - \\alpha \\, \\nabla f(x_k)") == ROW + DISPLAY_MARGINS
    True
    """
    rows = ROW_BREAK.split(tex)
    return DISPLAY_MARGINS + sum(
        max([height for part, height in TALL_PARTS if part.search(row)], default=ROW) for row in rows)
