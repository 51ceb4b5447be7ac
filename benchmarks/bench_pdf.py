"""4. PDF: how long ``make pdf`` takes to make the handout, in its two parts.

``bookbuild.pdf`` first makes the strict single-page build (Sphinx,
sharing the HTML build's notebook cache), then prints it with headless
Chromium, twice: the first PDF says on which page each chapter starts, the
page numbers are written into the contents, and the second PDF is the
handout. The two parts are timed apart, in a temporary copy of the working
tree (as ``bench_build.py`` does), after a clean HTML build of the copy: the
order of ``make book`` then ``make pdf`` in the Pages workflow.

The printing runs in a child process that imports the copy's own
``bookbuild.pdf`` (``tools/build_pdf.py`` in trees before the package) and
calls its ``print_site``, so that its CPU time
(Python, the Playwright driver, Chromium) is counted, and so that
``--baseline REV`` times that revision's printing code, not this one's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.bench_build import Build, build_book, children_cpu, copy_at, names, speedup, timed_build, timing
from benchmarks.common import Row, seconds

PART = "4. pdf"
#: Run in the copy of the tree: its own printing code prints its own single-page build.
#: Chromium's helper processes outlive their parents and are re-parented away from
#: this process tree, so their CPU time would not reach ``getrusage(RUSAGE_CHILDREN)``
#: (a third of it did, here): as their subreaper (Linux) the child collects them.
PRINT = """
import ctypes, os, sys, time
from pathlib import Path
PR_SET_CHILD_SUBREAPER = 36
subreaper = sys.platform == "linux" and ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
if Path("src/bookbuild/pdf.py").is_file():  # the tree's src/ (and tools/, before bookbuild) lead PYTHONPATH
    from bookbuild.pdf import print_site
else:
    from build_pdf import print_site
print_site(Path(sys.argv[1]), Path(sys.argv[2]))
deadline = time.monotonic() + 10
while subreaper and time.monotonic() < deadline:
    try:
        if os.waitpid(-1, os.WNOHANG)[0] == 0:
            time.sleep(0.05)
    except ChildProcessError:  # every descendant collected
        break
"""


def timed_print(book: Path) -> tuple[Build, Path]:
    """Print ``book``'s single-page build with the book's own ``print_site``; the time and the PDF."""
    target = book / "_build" / "pdf" / "benchmark.pdf"
    start, cpu = time.perf_counter(), children_cpu()
    env = build_book.build_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(book / "src"), str(book / "tools"), env.get("PYTHONPATH")]))
    result = subprocess.run([sys.executable, "-c", PRINT, str(book / "_build" / "singlehtml"), str(target)],
                            cwd=book, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"printing the handout failed in {book}:\n{result.stderr[-3000:]}")
    cpu = None if cpu is None else children_cpu() - cpu
    return Build(elapsed, cpu, {}), target


def pdf_facts(pdf: Path) -> str:
    """Page count and file size of a PDF."""
    from pypdf import PdfReader

    return f"{len(PdfReader(pdf).pages)} pages, {pdf.stat().st_size / 1e6:.2f} MB"


@dataclass
class Handout:
    """The timings of one copy of the book."""

    book: Path
    sphinx: Build | None = None
    prints: list[Build] = field(default_factory=list)
    facts: str = ""


def measure(handouts: list[Handout], repeats: int) -> None:
    """The HTML build (untimed here: ``bench_build.py`` reports it), then the
    single-page build, then ``repeats`` prints, the copies taken in turn."""
    for h in handouts:
        timed_build(h.book)
    for h in handouts:
        h.sphinx = timed_build(h.book, builder="singlehtml")
    for _ in range(repeats):
        for h in handouts:
            build, pdf = timed_print(h.book)
            h.prints.append(build)
            h.facts = pdf_facts(pdf)


def total(h: Handout) -> str:
    """The single-page build plus the fastest print, wall and CPU."""
    wall = h.sphinx.seconds + min(b.seconds for b in h.prints)
    if h.sphinx.cpu is None:
        return seconds(wall)
    return f"{seconds(wall)}; CPU {seconds(h.sphinx.cpu + min(b.cpu for b in h.prints))}"


def rows(new: Handout, old: Handout | None = None, revision: str = "") -> list[Row]:
    result = [
        Row(PART, "handout (`make pdf` after `make book`): single-page build plus printing", total(new),
            "report it"),
        Row(PART, "  single-page Sphinx build (notebooks from the HTML build's cache)",
            f"{timing([new.sphinx])}; re-executed: {names(new.sphinx.executed)}"),
        Row(PART, "  printing: Chromium loads the page, typesets the math, prints twice (page numbers of the contents)",
            timing(new.prints)),
        Row(PART, "  the handout", new.facts),
    ]
    if old is not None:
        result += [Row(PART, f"  single-page build: speed-up over {revision}", speedup([old.sphinx], [new.sphinx])),
                   Row(PART, f"  printing: speed-up over {revision}", speedup(old.prints, new.prints))]
    return result


def run(args) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="descent-bench-pdf-") as tmp:
        handouts = [Handout(copy_at(None, Path(tmp) / "book"))]
        if args.baseline:
            handouts.append(Handout(copy_at(args.baseline, Path(tmp) / "baseline")))
        measure(handouts, repeats=1 if args.quick else 3)
    return rows(*handouts, revision=args.baseline or "")
