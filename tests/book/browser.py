"""Headless Chromium for the tests, kept on loopback (``bookbuild.headless`` starts it).

A test that finds no browser is skipped locally, with what to install; in CI
(``CI`` set) it fails.
"""

from __future__ import annotations

import contextlib
import os

import pytest

from bookbuild import headless
from bookbuild.headless import (  # noqa: F401  (for the tests)
    LAUNCH_ARGS, browser_executable, html_pages, published_path, serve, serve_book,
)


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
