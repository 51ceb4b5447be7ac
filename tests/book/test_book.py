"""The built book as a whole: math typeset at build time, no build date, the front page links the PDF.

What holds for every chapter (glue resolved, exercises solved, SVG figures) is in test_chapters.py."""

import re
from html import unescape
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from bookbuild import typeset
from bookbuild.headless import html_pages
from bookbuild.theme import HEADER_ICON_FONTS

PAGES = ["index.html", "book/linear-regression.html"]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def pages(book_html: Path) -> list[Path]:
    return sorted(book_html.rglob("*.html"))


def test_math_is_typeset_at_build_time(book_html: Path):
    """Every formula is in the page as MathML, which the browser draws and a screen reader
    reads, written with MathML Core's elements only; no page loads a math script (bookbuild.typeset)."""
    formulas = 0
    for page in pages(book_html):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*(mathjax|katex)", html, re.I), page
        assert "window.MathJax" not in html and "<mjx-" not in html, page
        for match in re.finditer(r'class="math notranslate nohighlight"[^>]*>', html):
            formulas += 1
            rest = html[match.end():match.end() + 200].lstrip()
            assert rest.startswith(("<math", '<span class="eqno">')), (page.name, rest[:80])
        for mathml in re.findall(r"<math\b.*?</math>", html, re.S):
            assert set(re.findall(r"<([a-z-]+)", mathml)) <= typeset.ELEMENTS, (page.name, mathml[:200])
            # what MathML Core does not draw was rewritten: aligned columns, bold letters
            assert not re.search(r"columnalign|columnspacing|rowspacing|data-mjx|mathvariant=\"(?!normal)", mathml)
    assert formulas > 250, formulas
    assert not (book_html / "_static" / "mathjax").exists() and not (book_html / "_static" / "math").exists()


def test_no_raw_tex_in_the_pages(book_html: Path):
    for page in pages(book_html):
        html = page.read_text(encoding="utf-8")
        prose = re.sub(r"<(pre|code|script|style|math|textarea)\b.*?</\1>", " ", html, flags=re.S)
        tooltips = " ".join(re.findall(r'\b(?:title|alt|aria-label|content)="([^"]*)"', prose))
        prose = re.sub(r"<[^>]+>", " ", prose) + " " + tooltips  # a citation's tooltip, a figure's alt text
        # $$, \( and \[, a TeX command, or $...$ (a bibliography entry's title kept its TeX: "$O(1/k^2)$")
        raw = re.findall(r"\$\$|\\\(|\\\[|\\(?:frac|theta|alpha|nabla|sum|begin)\b|\$[^$\s][^$<>]{0,80}?\$", prose)
        assert raw == [], (page, raw[:5])


def test_mathjax_mathml_is_rewritten_into_mathml_core():
    """bookbuild.typeset.core on MathJax's own MathML for aligned columns, a bold 1, a sum's
    limits, an inline fraction, an accent, a prime, styled letters and TeX's spacing of signs and function names; what MathML Core
    cannot draw, and a root too tall for the font's one root sign, is an error."""
    aligned = typeset.TYPESETTER.mathml(r"\begin{aligned} a &= b + 1 \\ cd &= \mathbf{1} \end{aligned}", True)
    inner = re.search(r'<mtable displaystyle="true">(.*?)</mtable>', aligned).group(1)
    cells = re.findall(r'<mtd style="([^"]*)">', inner)
    assert [c.split("; ")[2] for c in cells] == ["text-align: -webkit-right", "text-align: -webkit-left"] * 2
    assert "padding-top: 3pt" in cells[2] and "padding-top" not in cells[0]
    assert "<mn>\U0001D7CF</mn>" in aligned  # MATHEMATICAL BOLD DIGIT ONE
    assert not re.search(r"\s<|>\s", aligned)  # no layout whitespace
    summed = typeset.TYPESETTER.mathml(r"\sum_{i=1}^{m} x_i = 1", True)
    limits = re.search(r"<munderover>.*?</munderover>", summed).group(0)
    assert '<mo lspace="0" rspace="0">=</mo>' in limits  # TeX's script style: no space around the limits' "="
    assert summed.endswith("<mo>=</mo><mn>1</mn></math>")  # the line's "=" keeps its spaces
    inline = typeset.TYPESETTER.mathml(r"\frac{a+b}{2} = \dfrac{a+b}{2}", False)
    assert inline.count('<mo lspace="0" rspace="0">+</mo>') == 1 and inline.count("<mo>+</mo>") == 1
    prime = typeset.TYPESETTER.mathml(r"f'(x) + g''", False)
    assert prime.startswith('<math><mrow><mi>f</mi><mo lspace="0" rspace="0">′</mo></mrow>'), prime
    assert prime.endswith('<mrow><mi>g</mi><mo lspace="0" rspace="0">″</mo></mrow></math>'), prime
    hat = typeset.TYPESETTER.mathml(r"\hat m", False)
    assert re.search(r'<mover accent="true"><mi>m</mi><mo [^>]*>\u02C6</mo></mover>', hat), hat
    # TeX's spacing: a unary minus, function application before an operand and before a bracket, max and min
    spaced = typeset.TYPESETTER.mathml(r"J = -\log p + \max(z, 0) - \log(x) + \min z", False)
    assert re.findall(r"<mo[^>]*>(?:−|⁡|max|min)</mo>", spaced) == [
        '<mo lspace="0" rspace="0">−</mo>', '<mo rspace="0.1667em">⁡</mo>',
        '<mo movablelimits="true" lspace="0" rspace="0">max</mo>', "<mo>−</mo>", '<mo rspace="0">⁡</mo>',
        '<mo movablelimits="true" lspace="0" rspace="0.1667em">min</mo>']
    # styled letters as Unicode's (with the letters encoded before the block: ℝ, ℒ)
    styled = typeset.TYPESETTER.mathml(r"\mathbb{R}^n \mathcal{L} \mathcal{A} \boldsymbol{\theta} \mathfrak{g}", False)
    assert re.findall(r"<mi>(.)</mi>", styled) == ["ℝ", "n", "ℒ", "\U0001D49C", "\U0001D73D", "\U0001D524"], styled
    with pytest.raises(typeset.TypesetError, match="no fraktur form"):
        typeset.core('<math><mn mathvariant="fraktur">1</mn></math>')
    with pytest.raises(typeset.TypesetError, match="mathvariant"):
        typeset.core('<math><mi mathvariant="initial">A</mi></math>')
    with pytest.raises(typeset.TypesetError, match="root sign"):
        typeset.TYPESETTER.mathml(r"\sqrt{\frac{a}{b}}", False)
    with pytest.raises(typeset.TypesetError, match="menclose"):
        typeset.core('<math><menclose notation="box"><mi>x</mi></menclose></math>')


def test_the_math_font_draws_every_formula(book_html: Path):
    """The formulas' font (STIX Two Math, cut down) has every character a page's MathML draws,
    in the form the browser draws it (a one-letter <mi> in italic), the large forms of brackets
    and big operators, and its MATH table; a page with formulas adds it before its first layout,
    a page without does not load it."""
    font = TTFont(book_html / "_static" / typeset.FONT)
    cmap = font.getBestCmap()
    assert "MATH" in font and font["OS/2"].sxHeight > 0
    variants = font["MATH"].table.MathVariants
    assert {cmap[ord(c)] for c in "(|∑"} <= set(variants.VertGlyphCoverage.glyphs)
    drawn = 0
    for page in pages(book_html):
        html = page.read_text(encoding="utf-8")
        head = html.partition("</head>")[0]
        has_math = "<math" in html
        assert ("fonts/math.js" in head) == has_math, page
        for mathml in re.findall(r"<math\b.*?</math>", html, re.S):
            tokens = re.sub(r"<mtext>.*?</mtext>", "", mathml)  # Korean and words: the text's fonts
            chars = set(unescape(text_of(tokens)))
            italic = {typeset.ITALIC.get(c, c) for c in re.findall(r"<mi>(.)</mi>", tokens)}
            missing = {c for c in chars | italic if ord(c) not in cmap and not c.isspace()}
            assert not missing, (page.name, sorted(missing))
            drawn += 1
    assert drawn > 250
    script = (book_html / "_static" / typeset.FONT_SCRIPT).read_text(encoding="utf-8")
    assert '"Book Math"' in script and "FontFace" in script
    assert (book_html / "_static" / typeset.FONT).stat().st_size < 25_000  # no script-size designs (typeset.FEATURES)


def preloaded(page: Path) -> list[str]:
    """The URLs a page preloads (before its body), as written."""
    head = page.read_text(encoding="utf-8").partition("</head>")[0]
    return re.findall(r'<link rel="preload" href="([^"]+)"', head)


def resolves(page: Path, href: str, book_html: Path) -> bool:
    if href.startswith("/"):  # the 404 page, served at any depth, uses the published path
        href = str(book_html) + "/" + href.split("/", 2)[2]
    return (page.parent / href).resolve().is_file()


def test_every_page_fetches_the_header_icon_fonts_with_its_stylesheet(book_html: Path):
    for page in (book_html / name for name in html_pages(book_html)):
        icons = [href for href in preloaded(page) if "/fontawesome/" in href]
        assert sorted(href.rsplit("/", 1)[1] for href in icons) == sorted(HEADER_ICON_FONTS), page
        assert all(resolves(page, href, book_html) for href in icons), page


def test_no_build_date_in_pages(book_html: Path):
    for page in PAGES:
        assert "마지막 업데이트" not in (book_html / page).read_text(encoding="utf-8")


def test_front_page_links_the_pdf_and_gives_the_two_commands(book_html: Path):
    html = (book_html / "book" / "index.html").read_text(encoding="utf-8")
    assert 'href="../gradient-descent.pdf"' in html
    assert "make book" in text_of(html) and "make test" in text_of(html)
