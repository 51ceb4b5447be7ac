"""The built book as a whole: math typeset at build time, no build date, the front page links the PDF.

What holds for every chapter (glue resolved, exercises solved, SVG figures) is in test_chapters.py."""

import re
from pathlib import Path

from bookbuild import typeset
from bookbuild.headless import html_pages
from bookbuild.theme import HEADER_ICON_FONTS

PAGES = ["index.html", "book/linear-regression.html"]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def pages(book_html: Path) -> list[Path]:
    return sorted(book_html.rglob("*.html"))


def test_math_is_typeset_at_build_time(book_html: Path):
    """Every formula is in the page as HTML (what the eye reads) plus MathML (what a
    screen reader reads); no page loads a math script (bookbuild.typeset)."""
    formulas = 0
    for page in pages(book_html):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*(mathjax|katex)", html, re.I), page
        assert "window.MathJax" not in html, page
        for match in re.finditer(r'class="math notranslate nohighlight"[^>]*>', html):
            formulas += 1
            rest = html[match.end():match.end() + 200].lstrip()
            assert rest.startswith(("<mjx-container", '<span class="eqno">')), (page.name, rest[:80])
        # each typeset formula carries its MathML, and its visual part is hidden from screen readers
        assert html.count("<mjx-container") == html.count('<math xmlns="http://www.w3.org/1998/Math/MathML"'), page
        assert html.count("<mjx-container") == len(re.findall(r'<mjx-math [^>]*aria-hidden="true"', html)), page
    assert formulas > 250, formulas
    assert not (book_html / "_static" / "mathjax").exists()


def test_no_raw_tex_in_the_pages(book_html: Path):
    for page in pages(book_html):
        html = page.read_text(encoding="utf-8")
        prose = re.sub(r"<(pre|code|script|style|mjx-assistive-mml|textarea)\b.*?</\1>", " ", html, flags=re.S)
        prose = re.sub(r"<[^>]+>", " ", prose)
        raw = re.findall(r"\$\$|\\\(|\\\[|\\(?:frac|theta|alpha|nabla|sum|begin)\b", prose)
        assert raw == [], (page, raw[:5])


def test_the_math_stylesheet_and_its_fonts(book_html: Path):
    """MathJax's rules for the characters in use (in the site's one stylesheet), and its TeX fonts
    as WOFF2 cut down to them."""
    css = (book_html / "_static" / "math" / "math.css").read_text(encoding="utf-8")
    fonts = re.findall(r'url\("fonts/([^"]+)"\)', css)
    assert fonts and all(name.endswith(".woff2") for name in fonts)
    assert "font-display: swap" in css
    present = [name for name in fonts if (book_html / "_static" / "math" / "fonts" / name).is_file()]
    assert "MathJax_Main-Regular.woff2" in present and "MathJax_Zero.woff2" in present
    for name in present:
        assert (book_html / "_static" / "math" / "fonts" / name).stat().st_size < 12_000, name
    bundle = (book_html / "_static" / "book.css").read_text(encoding="utf-8")
    assert 'mjx-container[jax="CHTML"]' in bundle and "math/fonts/MathJax_Main-Regular.woff2" in bundle


def preloaded(page: Path) -> list[str]:
    """The URLs a page preloads (before its body), as written."""
    head = page.read_text(encoding="utf-8").partition("</head>")[0]
    return re.findall(r'<link rel="preload" href="([^"]+)"', head)


def resolves(page: Path, href: str, book_html: Path) -> bool:
    if href.startswith("/"):  # the 404 page, served at any depth, uses the published path
        href = str(book_html) + "/" + href.split("/", 2)[2]
    return (page.parent / href).resolve().is_file()


def test_each_page_fetches_the_fonts_of_its_formulas_with_its_stylesheet(book_html: Path):
    """So lines with formulas are laid out once, in their fonts (bookbuild.typeset.page_fonts):
    a font arriving after the first paint moved them. Which font draws which class is read from
    MathJax's own stylesheet, and the package's table agrees with it."""
    css = (book_html / "_static" / "math" / "math.css").read_text(encoding="utf-8")
    files = dict(re.findall(r'@font-face[^{]*\{\s*font-family: ([\w-]+);\s*src: url\("fonts/([\w-]+)\.woff2"\)', css))
    variants = {v: files[f] for v, f in re.findall(r"^\.(TEX-[A-Z0-9]+) \{\s*font-family: MJXZERO, ([\w-]+);", css, re.M)}
    assert {v: name.removeprefix("MathJax_") for v, name in variants.items()} == typeset.VARIANT_FONTS
    with_math = 0
    for page in pages(book_html):
        body = page.read_text(encoding="utf-8").partition("</head>")[2]
        drawn = set(re.findall(r'<mjx-c class="mjx-c[0-9A-F]+(?: (TEX-[A-Z0-9]+))?"', body))
        expected = {files["MJXZERO"]} | {variants[v] if v else files["MJXTEX"] for v in drawn} if drawn else set()
        fonts = [href for href in preloaded(page) if "/math/fonts/" in href]
        assert {href.rsplit("/", 1)[1].removesuffix(".woff2") for href in fonts} == expected, page
        assert all(resolves(page, href, book_html) for href in fonts), page
        with_math += bool(drawn)
    assert with_math >= 10


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
