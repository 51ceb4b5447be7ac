"""The build fails on what would otherwise slip into the book, and its cache follows the package.

Each test builds a tiny book that uses the project's own _config.yml and build
extension, so what is proven here is what protects the real book.
"""

import re
import shutil
from pathlib import Path

import pytest

import build_book

ROOT = build_book.ROOT
HEADER = "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n"


def make_book(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A book in ``tmp_path`` with the project's config, extension and a stand-in package."""
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    shutil.copytree(ROOT / "_ext", tmp_path / "_ext")
    shutil.copytree(ROOT / "_templates", tmp_path / "_templates")
    (tmp_path / "book").mkdir()
    shutil.copy(ROOT / "book" / "references.bib", tmp_path / "book" / "references.bib")
    (tmp_path / "src" / "descent").mkdir(parents=True)
    (tmp_path / "src" / "descent" / "__init__.py").write_text("VERSION = 1\n")
    names = list(pages)
    toc = f"format: jb-book\nroot: {names[0]}\n"
    if names[1:]:
        toc += "chapters:\n" + "".join(f"  - file: {name}\n" for name in names[1:])
    (tmp_path / "_toc.yml").write_text(toc)
    for name, body in pages.items():
        (tmp_path / f"{name}.md").write_text(HEADER + body, encoding="utf-8")
    return tmp_path


def build(book: Path):
    result = build_book.build(source=book, capture=True)
    return result.returncode, result.stdout + result.stderr


def cell(code: str) -> str:
    return f"```{{code-cell}} ipython3\n{code}\n```\n"


def test_a_good_fixture_book_builds(tmp_path):
    book = make_book(tmp_path, {"index": "# 시작\n\n(sec-a)=\n## 절\n\n{ref}`sec-a`\n\n" + cell("1 + 1")})
    code, log = build(book)
    assert code == 0, log


@pytest.mark.parametrize(
    "body, message",
    [
        (cell("raise ValueError('boom')"), "boom"),
        (cell("import sys; print('oops', file=sys.stderr)"), "stderr was found in the cell outputs"),
        ("Broken: {ref}`no-such-label`\n", "undefined label"),
        ("Broken: {py:func}`descent.no_such_function`\n", "reference target not found"),
        ("Broken: {eq}`eq-missing`\n", "eq-missing"),
    ],
    ids=["raising-cell", "stderr", "broken-ref", "missing-api-target", "broken-eq"],
)
def test_the_build_fails_on(tmp_path, body, message):
    book = make_book(tmp_path, {"index": "# 시작\n\n" + body})
    code, log = build(book)
    assert code != 0, log
    assert message in log


def test_a_change_in_the_package_re_executes_cached_pages(tmp_path):
    # The cell's output is fresh randomness: it changes exactly when the cell runs again.
    book = make_book(tmp_path, {"index": "# 시작\n\n" + cell("import os\nos.urandom(8).hex()")})
    page = book / "_build" / "html" / "index.html"

    def output() -> str:
        code, log = build(book)
        assert code == 0, log
        (token,) = re.findall(r"(?:'|&#39;)([0-9a-f]{16})(?:'|&#39;)", page.read_text(encoding="utf-8"))
        return token

    first = output()
    assert output() == first, "an unchanged book must come from the cache"
    (book / "src" / "descent" / "__init__.py").write_text("VERSION = 2\n")
    assert output() != first, "a package change must re-execute the page"
