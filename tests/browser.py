"""Headless Chromium for the tests, kept on loopback.

The executable comes from ``BOOK_BROWSER``, else a system Chromium or Chrome,
else Playwright's own download (``python -m playwright install chromium``).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    # Any host but loopback fails to resolve: a page that needs the internet shows it.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]


def browser_executable() -> str | None:
    """Path of the browser to drive, or None for Playwright's bundled one."""
    if os.environ.get("BOOK_BROWSER"):
        return os.environ["BOOK_BROWSER"]
    for name in CANDIDATES:
        if found := shutil.which(name):
            return found
    return None


@contextlib.contextmanager
def launch():
    """A Playwright browser; skips the test (fails in CI) when none can start."""
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=browser_executable(), args=LAUNCH_ARGS)
        except Error as exc:
            message = f"no browser to run: set BOOK_BROWSER or run `python -m playwright install chromium` ({exc})"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        # Tests visit page after page in one browser: the shared assets load once.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".inv"}


class _GzipHandler(_QuietHandler):
    """Text files gzip-compressed, as GitHub Pages serves them (for page-weight measurements)."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path, *, compress: bool = False):
    """Serve a folder on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def published_path(config: Path = ROOT / "_config.yml") -> str:
    """The path of the book's published address (``html.baseurl``), e.g. ``gradient-descent``."""
    import yaml

    url = (yaml.safe_load(config.read_text(encoding="utf-8")).get("html") or {}).get("baseurl") or ""
    return urlsplit(url).path.strip("/")


@contextlib.contextmanager
def serve_book(html: Path, *, compress: bool = False):
    """Serve a built book at its published path (``/gradient-descent/``), as GitHub Pages does; yields its URL."""
    prefix = published_path()
    if not prefix:
        with serve(html, compress=compress) as base:
            yield f"{base}/"
        return
    with tempfile.TemporaryDirectory() as root:
        (Path(root) / prefix).symlink_to(Path(html).resolve(), target_is_directory=True)
        with serve(Path(root), compress=compress) as base:
            yield f"{base}/{prefix}/"


def html_pages(site: Path) -> list[str]:
    """Every page of a built book (paths relative to ``site``), found in the output itself.

    Theme fragments under ``_static`` and pages that only redirect are left out.
    """
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] in {"_static", "_sources", "_images"}:
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8", errors="ignore")[:2000].lower():
            continue
        pages.append(relative.as_posix())
    return pages


def used_fonts(tab, selector: str) -> set[str]:
    """Web fonts the browser really drew the first ``selector`` element's own text with."""
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {f["familyName"] for f in fonts if f.get("isCustomFont")}
