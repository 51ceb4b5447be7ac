"""What a page loads (bookbuild.theme, bookbuild/theme/bundle.py, bookbuild.fonts): one stylesheet
purged of rules no page can use, other extensions' assets only where used, and a chapter under
350 KiB compressed before its figures (the issue's budget; Lighthouse measures it in benchmarks/);
and the server that serves pages to the browser tests (bookbuild.headless)."""

from __future__ import annotations

import gzip
import re
import socket
import struct
import threading
import time
from pathlib import Path

from bookbuild.headless import serve
from bookbuild.theme.bundle import purge
from browser import html_pages


def test_purge_keeps_what_can_match_and_drops_what_cannot():
    css = (".used{a:1}.unused{b:2}.used .unused{c:3}.x:not(.unused){d:4}"
           "@media (min-width: 1px){.unused{e:5}.used{f:6}}@font-face{font-family:X}[data-mode=dark] .used{g:7}")
    kept = purge(css, {"used", "x"})
    for rule in (".used{a:1}", ".x:not(.unused){d:4}", ".used{f:6}", "@font-face{font-family:X}", "[data-mode=dark] .used{g:7}"):
        assert rule in kept, rule
    for gone in ("b:2", "c:3", "e:5"):
        assert gone not in kept, gone


def local_assets(page: Path, html: str) -> list[Path]:
    """The page's stylesheets, scripts, preloaded fonts (not its figures)."""
    refs = re.findall(r'<(?:link|script)[^>]*(?:href|src)="([^"#?]+)[^"]*"', html)
    files = [(page.parent / ref).resolve() for ref in refs if not ref.startswith(("http", "//", "data:"))]
    return [f for f in files if f.is_file() and f.suffix in {".css", ".js", ".woff2"}]


def test_every_page_links_the_one_stylesheet(book_html: Path):
    """The 404 page too: served at any depth, it links from the site's root, and
    linked nine stylesheets until the bundle followed such links."""
    pages = html_pages(book_html)  # every page but the front door, which only redirects and links none
    assert "404.html" in pages
    assert "stylesheet" not in (book_html / "index.html").read_text(encoding="utf-8")
    for page in map(book_html.joinpath, pages):
        html = page.read_text(encoding="utf-8")
        sheets = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', html)
        assert len(sheets) == 1, (page.name, sheets)
        href = sheets[0]
        target = book_html / href[href.index("/_static/") + 1 :] if href.startswith("/") else page.parent / href
        assert target.resolve() == (book_html / "_static" / "book.css").resolve(), (page.name, href)


def test_a_chapter_loads_one_stylesheet_and_stays_under_budget(book_html: Path):
    for page in sorted((book_html / "book").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        sheets = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', html)
        assert sheets == ["../_static/book.css"], (page.name, sheets)
        assert "documentation_options.js" not in html  # written into the page
        for unused in ("sphinx-design.min.css", "design-tabs.js"):
            assert unused not in html, (page.name, unused)
        assets = local_assets(page, html)
        css = (book_html / "_static" / "book.css").read_bytes()
        # what a phone fetches before any figure: the page, its assets (the fonts' scripts too) and the stylesheet
        size = len(gzip.compress(html.encode(), 6)) + sum(len(gzip.compress(f.read_bytes(), 6)) for f in assets)
        size += len(gzip.compress(css, 6)) if (book_html / "_static" / "book.css").resolve() not in assets else 0
        assert size < 350 * 1024, (page.name, size // 1024)


def test_a_request_the_browser_gives_up_on_is_not_reported(tmp_path: Path, capsys):
    """A browser that leaves a page closes its downloads; the server must not print a traceback for each."""
    (tmp_path / "big.js").write_bytes(b"x" * 8_000_000)
    with serve(tmp_path) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(b"GET /big.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert client.recv(16).startswith(b"HTTP/1.0 200")
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, as a tab closed
        deadline = time.monotonic() + 10
        while any("process_request" in t.name for t in threading.enumerate()) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert "Traceback" not in capsys.readouterr().err
