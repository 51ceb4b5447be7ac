"""The built book as a whole: MathJax is self-hosted, no build date, the front page links the PDF.

What holds for every chapter (glue resolved, exercises solved, SVG figures) is in test_chapters.py."""

import re
from pathlib import Path

PAGES = ["index.html", "book/linear-regression.html"]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_mathjax_is_served_by_the_site(book_html: Path):
    html = (book_html / "book" / "linear-regression.html").read_text(encoding="utf-8")
    (src,) = re.findall(r'"([^"]*mathjax/startup\.js[^"]*)"', html)  # loaded after the first paint (bookbuild.theme)
    assert not src.startswith(("http:", "https:", "//"))
    # the components its configuration loads, and their fonts
    for part in ("startup.js", "core.js", "input/tex.js", "output/chtml.js", "a11y/assistive-mml.js"):
        assert (book_html / "_static" / "mathjax" / part).is_file(), part
    assert re.search(r'"loader": \{"load": \["input/tex", "output/chtml", "a11y/assistive-mml"\]\}', html)
    assert list((book_html / "_static" / "mathjax" / "output" / "chtml" / "fonts").rglob("*.woff"))
    assert not re.search(r'(src|href)="(https?:)?//[^"]*mathjax', html, re.I)


def test_no_build_date_in_pages(book_html: Path):
    for page in PAGES:
        assert "마지막 업데이트" not in (book_html / page).read_text(encoding="utf-8")


def test_front_page_links_the_pdf_and_gives_the_two_commands(book_html: Path):
    html = (book_html / "book" / "index.html").read_text(encoding="utf-8")
    assert 'href="../gradient-descent.pdf"' in html
    assert "make book" in text_of(html) and "make test" in text_of(html)
