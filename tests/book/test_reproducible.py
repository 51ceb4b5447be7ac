"""Two clean builds give the same bytes, and building needs no network.

The whole book: two clean builds give identical pages, figures, notebooks,
search index and inventory (what ``python -m bookbuild.reproducible`` checks
with two builds of its own). Under pytest-xdist they are the workers' own
builds (``conftest.Builds``), else this test makes the second.

A fixture book holds what has broken reproducible builds elsewhere: a
matplotlib SVG figure (ids, dates), glued numbers, numbered math,
cross-references, Korean text in the search index, executed notebooks, and
printed text that the kernel sends in chunks (as timing decides). It is
built twice by ``bookbuild.reproducible``; one page shows fresh
randomness, which proves that the comparison does see a difference. The tool
also runs, builds included, in a network namespace with nothing but loopback.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from bookbuild import offline
from bookbuild import reproducible as check_reproducible
from books import cell, make_book

PAGES = {
    "index": "# 재현 가능한 빌드\n\n(sec-start)=\n## 수식과 그림\n\n"
    "$$ J(\\theta) = \\frac{1}{2m} \\lVert X\\theta - y \\rVert^2 $$ (eq-cost)\n\n"
    "{eq}`eq-cost`과(와) {ref}`sec-start`을(를) 본다. 답은 {glue:text}`answer`(이)다.\n\n"
    + cell('%matplotlib inline\n%config InlineBackend.figure_formats = ["svg"]\nfrom myst_nb import glue')
    + cell("glue('answer', 42, display=False)")
    + cell("import time\nprint('하나', flush=True)\ntime.sleep(0.3)\nprint('둘')")
    + cell("from descent.plotting import plot_data\nplot_data([0.0, 1.0, 2.0], [1.0, 3.0, 2.0], title='데이터')"),
    "random": "# 난수\n\n" + cell("import os\nos.urandom(8).hex()"),
    "network": "# 네트워크\n\n" + cell("import socket\nsorted(name for _, name in socket.if_nameindex())"),
}


def test_the_whole_book_builds_to_the_same_bytes_twice(book_build, builds, tmp_path):
    second = builds.second(tmp_path)  # under pytest-xdist, the other worker's clean build
    assert len(second.digests) > 100  # pages, figures and notebooks of every chapter
    differ = check_reproducible.differing(book_build.digests, second.digests)
    how = [check_reproducible.difference(book_build.html.parent, second.html.parent, name) for name in differ[:3]]
    assert differ == [], "\n\n".join(how)


def fixture_book(tmp_path, pages):
    (tmp_path / "book").mkdir()
    return make_book(tmp_path / "book", pages)


def test_two_clean_builds_differ_only_where_the_page_is_random(tmp_path):
    book = fixture_book(tmp_path, PAGES)
    differ = check_reproducible.check(book, tmp_path / "builds")
    assert "html/random.html" in differ and "jupyter_execute/random.ipynb" in differ
    assert set(differ) <= {"html/random.html", "jupyter_execute/random.ipynb", "html/searchindex.js"}
    built = tmp_path / "builds" / "first" / "_build"
    assert len(list((built / "html" / "_images").glob("*.svg"))) == 1  # the figure was compared
    assert (built / "html" / "objects.inv").is_file()
    # what a failure shows: the random output of each build, around the change
    shown = check_reproducible.difference(built, tmp_path / "builds" / "second" / "_build", "jupyter_execute/random.ipynb")
    assert re.search(r"^-.*[0-9a-f]{16}", shown, re.M) and re.search(r"^\+.*[0-9a-f]{16}", shown, re.M)
    notebook = json.loads((built / "jupyter_execute" / "index.ipynb").read_text(encoding="utf-8"))
    printed = [cell["outputs"] for cell in notebook["cells"] if "print(" in "".join(cell["source"])]
    assert [[(out["name"], "".join(out["text"])) for out in outputs] for outputs in printed] == [
        [("stdout", "하나\n둘\n")]]  # one output, each line once, however the kernel sent it


def test_two_builds_with_no_network_at_all(tmp_path):
    if reason := offline.offline_unavailable():
        if os.environ.get("CI"):
            pytest.fail(f"CI must prove that the build needs no network: {reason}")
        pytest.skip(reason)
    book = fixture_book(tmp_path, {"index": PAGES["network"]})
    tool = [sys.executable, "-m", "bookbuild.reproducible", "--source", str(book), "--keep", str(tmp_path / "out")]
    result = subprocess.run(offline.offline(tool), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    page = (tmp_path / "out" / "first" / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "['lo']" in page  # the kernel ran, and loopback was the only interface it saw


def test_a_stream_reads_the_same_however_the_kernel_chunked_it():
    """bookbuild.plumbing.merged_streams, which the book's myst-nb merges streams with: a
    chunk that ended between a line and its newline gave the page a blank line there
    (learning-rate, in one of two clean builds)."""
    from unittest import mock

    from myst_nb.core import render
    from nbformat.v4 import new_output

    from bookbuild import plumbing

    text = "α = 0.01: 187번째 갱신\n  예측: 186.2보다 큰 첫 정수\nα = 0.1: 15번째 갱신\n"
    whole = plumbing.merged_streams([new_output("stream", name="stdout", text=text)])
    assert [out.text for out in whole] == [text]
    for i in range(1, len(text)):
        chunks = [new_output("stream", name="stdout", text=part) for part in (text[:i], text[i:])]
        assert plumbing.merged_streams(chunks) == whole, repr(text[:i])
    plumbing.setup(mock.MagicMock())
    assert render.coalesce_streams is plumbing.merged_streams
