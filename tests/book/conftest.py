from dataclasses import dataclass
from pathlib import Path

import pytest

from bookbuild import build as build_book
from bookbuild import reproducible

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Build:
    html: Path
    digests: dict[str, str]  # of its output files as built (tests add files, such as the PDFs, later)


@pytest.fixture(scope="session")
def book_build(tmp_path_factory) -> Build:
    """The whole book, built from scratch and strictly, once per test session."""
    out = tmp_path_factory.mktemp("book")
    result = build_book.build(ROOT, output=out, clean=True, capture=True)
    assert result.returncode == 0, f"the book build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    return Build(out / "_build" / "html", reproducible.digests(out / "_build"))


@pytest.fixture(scope="session")
def book_html(book_build) -> Path:
    return book_build.html


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
