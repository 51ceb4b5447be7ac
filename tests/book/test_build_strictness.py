"""The build fails on what would otherwise slip into the book, and its cache follows the package.

Each test builds a tiny book that uses the project's own _config.yml, hence its
build plumbing (the installed ``bookbuild``), so what is proven here is what
protects the real book.
"""

import re
from pathlib import Path

import pytest
import yaml

from bookbuild import build as build_book
from books import cell, make_book


def build(book: Path):
    result = build_book.build(source=book, capture=True)
    return result.returncode, result.stdout + result.stderr


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
        ("Broken: $\\frac{1}{2$\n", "formula does not typeset"),
        ("Broken:\n\n$$\n\\nosuchmacro{x}\n$$\n", "Undefined control sequence \\nosuchmacro"),
    ],
    ids=["raising-cell", "stderr", "broken-ref", "missing-api-target", "broken-eq", "bad-formula", "unknown-macro"],
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
    # A stand-in for the package: the cache is keyed on the installed descent unless the config names another.
    (book / "src" / "descent").mkdir(parents=True)
    (book / "src" / "descent" / "__init__.py").write_text("VERSION = 1\n")
    config = yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8"))
    config["sphinx"]["config"]["descent_package_dir"] = "src/descent"
    (book / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    def output() -> str:
        code, log = build(book)
        assert code == 0, log
        (token,) = re.findall(r"(?:'|&#39;)([0-9a-f]{16})(?:'|&#39;)", page.read_text(encoding="utf-8"))
        return token

    first = output()
    assert output() == first, "an unchanged book must come from the cache"
    (book / "src" / "descent" / "__init__.py").write_text("VERSION = 2\n")
    assert output() != first, "a package change must re-execute the page"


def test_markdown_links_keep_their_query_strings(tmp_path):
    url = "https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle"
    book = make_book(tmp_path, {"index": f"# 시작\n\n[데모]({url})\n"})
    code, log = build(book)
    assert code == 0, log
    html = (book / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert f'href="{url.replace("&", "&amp;")}"' in html


def test_a_rebuild_after_a_stylesheet_edit_serves_the_new_stylesheet(tmp_path):
    """No page is out of date, so Sphinx itself copies no static file (bookbuild.plumbing does)."""
    book = make_book(tmp_path, {"index": "# 시작\n\n본문.\n"})
    stylesheet = book / "_static" / "book-own.css"  # a book's own static folder (Jupyter Book adds _static)
    stylesheet.parent.mkdir()
    stylesheet.write_text("p { color: black; }\n", encoding="utf-8")
    assert build(book)[0] == 0
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    code, log = build(book)
    assert code == 0, log
    assert "no targets are out of date" in log  # the case Sphinx skips
    assert (book / "_build" / "html" / "_static" / "book-own.css").read_text(encoding="utf-8").endswith("/* edited */\n")


# Each notebook leaves a mark and waits for the other's: only side by side do both see it.
RENDEZVOUS = """import pathlib, time
mine, theirs = pathlib.Path({mine!r}), pathlib.Path({theirs!r})
mine.touch()
deadline = time.monotonic() + 60
while not theirs.exists() and time.monotonic() < deadline:
    time.sleep(0.1)
f"met: {{theirs.exists()}}"
"""


def test_the_notebooks_of_a_build_run_side_by_side(tmp_path):
    """bookbuild.plumbing executes the pages' notebooks over a pool of processes before Sphinx reads them."""
    marks = [str(tmp_path / "mark-a"), str(tmp_path / "mark-b")]
    (tmp_path / "book").mkdir()
    book = make_book(tmp_path / "book", {
        "index": "# 하나\n\n" + cell(RENDEZVOUS.format(mine=marks[0], theirs=marks[1])),
        "two": "# 둘\n\n" + cell(RENDEZVOUS.format(mine=marks[1], theirs=marks[0])),
    })
    code, log = build(book)
    assert code == 0, log
    for name in ("index", "two"):
        assert "met: True" in (book / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8"), name


def test_a_notebook_that_fails_side_by_side_still_fails_the_build(tmp_path):
    book = make_book(tmp_path, {"index": "# 하나\n\n" + cell("raise ValueError('boom')"), "two": "# 둘\n\n" + cell("1 + 1")})
    code, log = build(book)
    assert code != 0, log
    assert "boom" in log
