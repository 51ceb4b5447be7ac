"""The built book as a whole: math typeset at build time, no build date, the front page links the PDF.

What holds for every chapter (glue resolved, exercises solved, SVG figures) is in test_chapters.py."""

import re
from pathlib import Path

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


def test_no_build_date_in_pages(book_html: Path):
    for page in PAGES:
        assert "마지막 업데이트" not in (book_html / page).read_text(encoding="utf-8")


def test_front_page_links_the_pdf_and_gives_the_two_commands(book_html: Path):
    html = (book_html / "book" / "index.html").read_text(encoding="utf-8")
    assert 'href="../gradient-descent.pdf"' in html
    assert "make book" in text_of(html) and "make test" in text_of(html)
