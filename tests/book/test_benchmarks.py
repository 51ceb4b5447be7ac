"""The benchmark harness measures what it says (no timings asserted here)."""

import argparse
import sys
from pathlib import Path

import numpy as np
import pytest

from benchmarks import bench_build, bench_library, bench_pdf
from benchmarks import run as runner
from benchmarks.common import NOT_AVAILABLE, Row, ratio
from descent import add_intercept, linear_regression_gd, load_diabetes_bmi

ROOT = Path(__file__).resolve().parents[2]


def test_seed_loop_is_stochastic_gd_in_the_seeds_order():
    # The loop the mini-batch epoch is compared with does the same updates as batch_size=1 without shuffling.
    x, y = load_diabetes_bmi()
    w, b = bench_library.seed_loop(x, y, epochs=2)
    run = linear_regression_gd(add_intercept(x), y, [1.0, 1.0], learning_rate=0.01, max_iter=2, batch_size=1,
                               shuffle=False, history="epoch")
    np.testing.assert_allclose(run.theta, [b, w], rtol=1e-10)


def test_epochs_to_reach_finds_the_first_epoch_of_a_shrinking_gap():
    calls = []

    def gap(epochs):
        calls.append(epochs)
        return 0.5**epochs

    assert bench_library.epochs_to_reach(gap, 1e-3, max_epochs=1000) == 10  # 2^-10 <= 1e-3 < 2^-9
    assert max(calls) == 16 and len(calls) < 12  # doubling to 16, then bisection


def test_epochs_to_reach_lands_on_a_crossing_of_a_wobbly_gap():
    gaps = [1.0, 0.5, 0.4, 1e-7, 0.3, 0.2, 1e-7, 0.1, 1e-7]  # gap after 0, 1, ... epochs

    def gap(epochs):
        return gaps[epochs]

    found = bench_library.epochs_to_reach(gap, 1e-6, max_epochs=8)
    assert found == 6 and gap(found) <= 1e-6 < gap(found - 1)  # a crossing, though not the first (3)


def test_epochs_to_reach_gives_up_at_the_limit():
    calls = []

    def gap(epochs):
        calls.append(epochs)
        return 1.0

    assert bench_library.epochs_to_reach(gap, 1e-6, max_epochs=100) is None
    assert calls == [1, 2, 4, 8, 16, 32, 64, 100]


def test_ratio_takes_the_fastest_times_and_the_per_round_range():
    assert ratio([2.0, 3.0, 4.0], [1.0, 2.0, 1.0]) == (2.0, 1.5, 4.0)


def test_chapters_with_code_follow_the_table_of_contents(tmp_path):
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nparts:\n  - caption: A\n    chapters:\n"
        "      - file: b\n      - file: a\n        sections:\n          - file: c\n", encoding="utf-8")
    (tmp_path / "intro.md").write_text("# Intro\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n\n```{code-cell} ipython3\n1\n```\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n```{code-cell} ipython3\n2\n```\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("# C\n\n```python\nnot executed\n```\n", encoding="utf-8")
    assert bench_build.chapters_with_code(tmp_path) == ["b.md", "a.md"]


def test_the_books_chapters_with_code_are_found():
    assert "book/linear-regression.md" in bench_build.chapters_with_code(ROOT)


def args(*argv):
    namespace = argparse.Namespace(quick=True, only=None, baseline=None, blas_threads=1, json=None)
    for key, value in zip(argv[::2], argv[1::2]):
        setattr(namespace, key, value)
    return namespace


def test_parts_without_a_module_are_reported_not_available(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "HERE", tmp_path)
    rows, failed = runner.run_parts(args("only", ["pages", "pdf"]))
    assert not failed
    assert [(r.part, r.verdict) for r in rows] == [("3. pages", NOT_AVAILABLE), ("4. pdf", NOT_AVAILABLE)]


def test_a_part_module_plugs_in_and_a_broken_one_fails_the_run(tmp_path, monkeypatch):
    (tmp_path / "bench_pages.py").write_text(
        "from benchmarks.common import Row\n\ndef run(args):\n    return [Row('3. pages', 'bytes', str(args.quick))]\n",
        encoding="utf-8")
    (tmp_path / "bench_pdf.py").write_text("def run(args):\n    raise OSError('no chromium')\n", encoding="utf-8")
    monkeypatch.setattr(runner, "HERE", tmp_path)
    rows, failed = runner.run_parts(args("only", ["pages", "pdf"]))
    assert failed
    assert rows[0] == Row("3. pages", "bytes", "True")
    assert rows[1].verdict == "error" and "OSError: no chromium" in rows[1].result


def test_the_parts_of_this_repository_are_found():
    for key in ("build", "library", "pdf"):
        module, why = runner.find_part(runner.PARTS[key][1])
        assert callable(module.run) and why == ""


def test_a_module_without_run_is_named(tmp_path, monkeypatch):
    (tmp_path / "bench_pdf.py").write_text("TIME = 3\n", encoding="utf-8")
    monkeypatch.setattr(runner, "HERE", tmp_path)
    (row,), failed = runner.run_parts(args("only", ["pdf"]))
    assert not failed and row.verdict == NOT_AVAILABLE and "bench_pdf.py has no run(args)" in row.result


def test_table_is_markdown_with_pipes_escaped():
    text = runner.table([Row("2. library", "a | b", "1")])
    assert text.splitlines()[2] == "| 2. library | a \\| b | 1 |  |  |"


@pytest.mark.parametrize("value, text", [(12.345, "12.3 s"), (0.0123, "12.3 ms"), (4.2e-6, "4.2 µs")])
def test_durations_keep_three_digits(value, text):
    from benchmarks.common import seconds

    assert seconds(value) == text


# --- what the measurements led to (benchmarks/README.md) ---------------------


def test_viewcode_gets_the_package_source_without_importing_it():
    from bookbuild import plumbing as descent_build

    path = ROOT / "src" / "descent" / "losses.py"
    source, tags = descent_build._package_source(None, "descent.losses")
    assert source == path.read_text(encoding="utf-8")
    kind, start, end = tags["mse_cost"]
    assert kind == "def" and source.splitlines()[start - 1].startswith("def mse_cost(")
    assert descent_build._package_source(None, "descent")[0] == (path.parent / "__init__.py").read_text(encoding="utf-8")
    assert descent_build._package_source(None, "numpy.linalg") is None
    assert descent_build._package_source(None, "descent.nothing_here") is None


def test_import_descent_leaves_scikit_learn_and_matplotlib_out():
    # Every chapter's kernel imports descent; scikit-learn alone cost it about a second of CPU.
    import subprocess

    probe = (
        "import sys, descent\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'matplotlib', 'scipy'})\n"
        "print(heavy)\n"
        "from descent import *\n"
        "print(GDRegressor.__module__, 'GDRegressor' in dir(descent), 'sklearn' in sys.modules)\n"
        "print(GDRegressor(eta0=0.1, tol=None, max_iter=500).fit([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0]).predict([[3.0]]))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    heavy, lazy, prediction = result.stdout.splitlines()
    assert heavy == "[]"
    assert lazy == "descent.estimator True True"  # `from descent import *` (``__all__``) imports it on demand
    assert float(prediction.strip("[]")) == pytest.approx(7.0, abs=1e-3)


def test_an_unknown_attribute_of_descent_is_an_attribute_error():
    import descent

    with pytest.raises(AttributeError, match="no attribute 'GDRegresor'"):
        descent.GDRegresor  # noqa: B018


# --- 3. pages ---------------------------------------------------------------------


def test_the_lighthouse_server_speaks_http2_over_tls_and_gzips_text_as_github_pages_does(tmp_path, chromium):
    from benchmarks.lighthouse import serve_https

    text = "<!doctype html><title>t</title><link rel=stylesheet href=s.css>" + "<p>경사 하강법</p>" * 2000
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text(text, encoding="utf-8")
    (tmp_path / "sub" / "s.css").write_text("p { color: rgb(1, 2, 3) }" * 100)
    (tmp_path / "sub" / "f.woff2").write_bytes(bytes(range(256)) * 40)
    with serve_https(tmp_path) as base:
        assert base.startswith("https://127.0.0.1:")
        context = chromium.new_context(ignore_https_errors=True)
        tab = context.new_page()
        cdp = context.new_cdp_session(tab)
        cdp.send("Network.enable")
        seen = {}
        cdp.on("Network.responseReceived", lambda e: seen.update({e["response"]["url"].rsplit("/", 1)[1]: e["response"]}))
        tab.goto(base + "/sub/")  # a folder is its index.html
        assert tab.locator("p").count() == 2000
        assert tab.evaluate("getComputedStyle(document.querySelector('p')).color") == "rgb(1, 2, 3)"
        font = tab.evaluate("fetch('f.woff2').then(r => r.arrayBuffer()).then(b => b.byteLength)")
        missing = tab.evaluate("fetch('nothing.html').then(r => r.status)")
        context.close()
    assert font == 256 * 40 and missing == 404
    page, css, woff2 = seen[""], seen["s.css"], seen["f.woff2"]
    assert {page["protocol"], css["protocol"], woff2["protocol"]} == {"h2"}
    assert page["headers"]["content-encoding"] == css["headers"]["content-encoding"] == "gzip"
    assert "content-encoding" not in woff2["headers"]  # fonts are compressed already
    assert int(page["headers"]["content-length"]) < len(text.encode()) / 10  # compressed as sent


# --- 4. PDF ---------------------------------------------------------------------


def test_pdf_printing_runs_the_trees_own_print_site(tmp_path):
    (tmp_path / "src" / "bookbuild").mkdir(parents=True)
    (tmp_path / "src" / "bookbuild" / "__init__.py").write_text("")
    (tmp_path / "src" / "bookbuild" / "pdf.py").write_text(
        "from pypdf import PdfWriter\n\n"
        "def print_site(site, target):\n"
        "    assert site.name == 'singlehtml' and site.parent.name == '_build'\n"
        "    target.parent.mkdir(parents=True, exist_ok=True)\n"
        "    writer = PdfWriter()\n"
        "    for _ in range(3):\n"
        "        writer.add_blank_page(595, 842)\n"
        "    writer.write(target)\n", encoding="utf-8")
    build, pdf = bench_pdf.timed_print(tmp_path)
    assert pdf.parent == tmp_path / "_build" / "pdf" and build.executed == {}
    assert bench_pdf.pdf_facts(pdf) == f"3 pages, {pdf.stat().st_size / 1e6:.2f} MB"


def test_pdf_printing_failure_names_the_tree(tmp_path):
    (tmp_path / "tools").mkdir()  # a tree from before the bookbuild package
    (tmp_path / "tools" / "build_pdf.py").write_text("def print_site(site, target):\n    raise OSError('no chromium')\n",
                                                      encoding="utf-8")
    with pytest.raises(RuntimeError, match=f"printing the handout failed in {tmp_path}(.|\n)*no chromium"):
        bench_pdf.timed_print(tmp_path)


def test_pdf_rows_add_the_single_page_build_to_the_fastest_print():
    Build = bench_build.Build
    new = bench_pdf.Handout(Path("new"), Build(10.0, 9.0, {}), [Build(6.0, 8.0, {}), Build(5.0, 7.0, {})], "9 pages")
    old = bench_pdf.Handout(Path("old"), Build(20.0, 18.0, {}), [Build(10.0, 14.0, {})], "9 pages")
    rows = bench_pdf.rows(new, old, revision="main")
    assert rows[0].result == "15 s; CPU 16 s"  # 10 + 5 s wall; 9 + 7 s CPU (of the fastest print)
    assert "re-executed: none" in rows[1].result and rows[3].result == "9 pages"
    assert [r.result for r in rows[4:]] == ["2.00× CPU, 2.00× wall", "2.00× CPU, 2.00× wall"]
    assert len(bench_pdf.rows(new)) == 4
