"""Headless Chromium for the tests, kept on loopback (``tools/headless.py`` starts it).

A test that finds no browser is skipped locally, with what to install; in CI
(``CI`` set) it fails.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import headless
from headless import LAUNCH_ARGS, browser_executable, serve  # noqa: F401  (for the tests)

ROOT = Path(__file__).resolve().parents[2]


def no_browser(exc: headless.BrowserUnavailable):
    """Skip the test (fail it in CI): no browser could be started."""
    if os.environ.get("CI"):
        pytest.fail(str(exc))
    pytest.skip(str(exc))


@contextlib.contextmanager
def launch():
    """A Playwright browser; skips the test (fails in CI) when none can start."""
    with contextlib.ExitStack() as stack:
        try:
            browser = stack.enter_context(headless.launch())
        except headless.BrowserUnavailable as exc:
            no_browser(exc)
        yield browser


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
