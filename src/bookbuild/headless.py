"""Headless Chromium on loopback: the one place that says how to start it.

Used by ``bookbuild.pdf`` (printing the handout), by the tests
(``tests/book/browser.py``) and the Lighthouse benchmark, which also serve a
built book here at its published path (:func:`serve_book`; the benchmark with a
server of its own). The executable comes from ``BOOK_BROWSER``, else a
system Chromium or Chrome, else Playwright's own download
(``python -m playwright install chromium``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from bookbuild import book_root

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
CANDIDATES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]


class BrowserUnavailable(RuntimeError):
    """No browser could be started; the message says what to install."""


def browser_executable() -> str | None:
    """Path of the browser to drive, or None for Playwright's bundled one."""
    if os.environ.get("BOOK_BROWSER"):
        return os.environ["BOOK_BROWSER"]
    for name in CANDIDATES:
        if found := shutil.which(name):
            return found
    return None


_driver: dict = {}  # the one Playwright driver of this process, with its count of users


@contextlib.contextmanager
def _playwright():
    """Playwright's driver, shared: its sync API cannot be started twice in one process
    (a session-wide test browser and a PDF printed by the same test run both need it)."""
    from playwright.sync_api import sync_playwright

    if not _driver:
        manager = sync_playwright()
        _driver.update(manager=manager, playwright=manager.start(), users=0)
    _driver["users"] += 1
    try:
        yield _driver["playwright"]
    finally:
        _driver["users"] -= 1
        if _driver["users"] == 0:
            _driver.pop("manager").__exit__(None, None, None)
            _driver.clear()


@contextlib.contextmanager
def launch():
    """A Playwright browser; raises BrowserUnavailable when none can start."""
    from playwright.sync_api import Error

    with _playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=browser_executable(), args=LAUNCH_ARGS)
        except Error as exc:
            raise BrowserUnavailable(
                f"no browser to run: set BOOK_BROWSER or run `python -m playwright install chromium` ({exc})"
            ) from exc
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


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that leaves a page cancels its downloads (a reset or closed
        # connection): routine, where the default printed a traceback each time.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a folder on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def published_path(config: Path | None = None) -> str:
    """The path of the book's published address (``html.baseurl``), e.g. ``gradient-descent``;
    ``config`` defaults to the ``_config.yml`` of :func:`bookbuild.book_root`."""
    import yaml

    config = book_root() / "_config.yml" if config is None else Path(config)
    url = (yaml.safe_load(config.read_text(encoding="utf-8")).get("html") or {}).get("baseurl") or ""
    return urlsplit(url).path.strip("/")


@contextlib.contextmanager
def serve_book(html: Path, *, server=serve):
    """Serve a built book at its published path (``/gradient-descent/``), as GitHub Pages does; yields its URL.

    ``server(folder)`` is a context manager that serves a folder and yields its base URL."""
    prefix = published_path()
    if not prefix:
        with server(html) as base:
            yield f"{base}/"
        return
    with tempfile.TemporaryDirectory() as root:
        (Path(root) / prefix).symlink_to(Path(html).resolve(), target_is_directory=True)
        with server(Path(root)) as base:
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
