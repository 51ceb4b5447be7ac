"""Every internal link, image and #fragment of the built book resolves (bookbuild.links)."""

from pathlib import Path

from bookbuild.links import check_site
from browser import published_path


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    return root


def test_checker_finds_broken_files_images_and_fragments(tmp_path):
    site = write_site(tmp_path, {
        "index.html": '<a href="book/ch.html#there">ok</a> <a href="book/ch.html#nowhere">bad fragment</a>'
                      '<img src="_images/missing.svg"> <a href="#top" id="top">self</a>'
                      '<a href="https://example.org/#x">elsewhere</a> <a href="gone.html">bad file</a>',
        "book/ch.html": '<h1 id="there">Chapter</h1><a href="../index.html#top">up</a>'
                        '<a href="/site/book/ch.html#there">absolute</a>',
    })
    found = {(link.page, link.url, link.reason) for link in check_site(site, prefix="/site/")}
    assert found == {
        ("index.html", "book/ch.html#nowhere", "no such #fragment"),
        ("index.html", "_images/missing.svg", "no such file"),
        ("index.html", "gone.html", "no such file"),
    }


def test_checker_reads_absolute_links_under_the_published_path(tmp_path):
    site = write_site(tmp_path, {"404.html": '<a href="/site/book/x.html">home</a> <a href="/other/y.html">?</a>'})
    reasons = {link.url: link.reason for link in check_site(site, prefix="/site/")}
    assert reasons == {"/site/book/x.html": "no such file", "/other/y.html": "outside the site path /site/"}


def test_every_link_of_the_book_resolves(book_html: Path):
    broken = check_site(book_html, prefix=published_path())
    # The PDFs are printed by `make pdf` after the HTML build; tests/book/test_pdf.py
    # checks that every such link points exactly where it puts a PDF.
    broken = [link for link in broken if not link.url.endswith(".pdf")]
    assert broken == [], "\n".join(map(str, broken))
