"""Headless Chromium for the tests, kept on loopback (``tools/headless.py`` starts it).

A test that finds no browser is skipped locally, with what to install; in CI
(``CI`` set) it fails.
"""

from __future__ import annotations

import contextlib
import os

import pytest

import headless
from headless import LAUNCH_ARGS, browser_executable, serve  # noqa: F401  (for the tests)


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
