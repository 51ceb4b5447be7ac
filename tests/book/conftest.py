import json
import time
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


class Builds:
    """The clean builds of the whole book made by the processes of one test run.

    Under pytest-xdist each worker builds its own copy, all at the same time, and
    leaves what it built in the run's shared folder: the reproducibility test then
    compares two copies that were built anyway instead of building a third.
    """

    def __init__(self, tmp_path_factory, worker_id: str) -> None:
        base = tmp_path_factory.getbasetemp()
        self.folder = base.parent if worker_id != "master" else base
        self.worker = worker_id

    def _mark(self, state: str, built: Build | None = None) -> None:
        path = self.folder / f"book-build-{self.worker}.json"
        partial = path.with_suffix(".partial")
        mark = {"state": state, "html": built and str(built.html), "digests": built and built.digests}
        partial.write_text(json.dumps(mark), encoding="utf-8")
        partial.replace(path)  # a reader never sees half a file

    def build(self, out: Path) -> Build:
        """This process's clean build, into ``out``, announced to the others."""
        self._mark("building")
        try:
            built = clean_build(out)
        except BaseException:
            self._mark("failed")
            raise
        self._mark("built", built)
        return built

    def second(self, out: Path, timeout: float = 1200) -> Build:
        """A second clean build: another worker's (waited for while one is under
        way), or, when no other worker builds, one made here into ``out``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            others = [json.loads(path.read_text(encoding="utf-8"))
                      for path in self.folder.glob("book-build-*.json") if path.stem != f"book-build-{self.worker}"]
            if done := [other for other in others if other["state"] == "built"]:
                return Build(Path(done[0]["html"]), done[0]["digests"])
            if not any(other["state"] == "building" for other in others):
                return clean_build(out)
            time.sleep(2)
        raise TimeoutError(f"another worker's book build did not finish in {timeout} s")


def clean_build(out: Path) -> Build:
    """The whole book, built from scratch and strictly into ``out``."""
    result = build_book.build(ROOT, output=out, clean=True, capture=True)
    assert result.returncode == 0, f"the book build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    return Build(out / "_build" / "html", reproducible.digests(out / "_build"))


@pytest.fixture(scope="session")
def builds(tmp_path_factory, worker_id) -> Builds:
    return Builds(tmp_path_factory, worker_id)


@pytest.fixture(scope="session")
def book_build(builds, tmp_path_factory) -> Build:
    """The whole book, built from scratch and strictly, once per test process."""
    return builds.build(tmp_path_factory.mktemp("book"))


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
