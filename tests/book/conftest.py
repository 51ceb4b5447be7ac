from pathlib import Path

import pytest

from bookbuild import build as build_book

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def book_html(tmp_path_factory) -> Path:
    """The whole book, built from scratch and strictly, once per test session."""
    out = tmp_path_factory.mktemp("book")
    result = build_book.build(ROOT, output=out, clean=True, capture=True)
    assert result.returncode == 0, f"the book build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def site(book_html):
    """The built book served on loopback at its published path (``/gradient-descent/``); yields its URL."""
    from browser import serve_book

    with serve_book(book_html) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """One headless browser for every browser test of the session."""
    from browser import launch

    with launch() as browser:
        yield browser
