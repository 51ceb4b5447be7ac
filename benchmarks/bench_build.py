"""1. Build: the clean build of the whole book, split into notebook execution
and the rest, and the rebuilds after no change, a prose edit, a code edit in
one chapter and an edit to ``src/``.

Every build runs through ``bookbuild.build``'s ``build()`` (the strict
build) in a temporary copy of the working tree, uncommitted edits included,
so the repository's own ``_build`` is left alone. The copy's ``src/`` comes
first on the ``PYTHONPATH`` of the build and its kernels, so an edit to it
(the chapters' ``descent``, the build's ``bookbuild``) is what they import.
With ``--baseline REV`` the tree of that git revision is built alongside,
step by step in turn, and the speed-ups are reported.

Which notebooks ran, and for how long, is read from the jupyter-cache
database myst-nb keeps in ``_build/.jupyter_cache``: one record per executed
notebook, with the ``execution_seconds`` of its kernel (start-up included).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path

import yaml
from benchmarks.common import ROOT, Row, seconds, verdict
from bookbuild import build as build_book

PART = "1. build"
CLEAN_TARGET = 60.0  # seconds, whole book, two cores
EDIT_TARGET = 5.0  # seconds, a prose edit in one chapter
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache",
                                     "*.egg-info")


@dataclass
class Build:
    seconds: float  # wall time
    cpu: float | None  # CPU time of the build and its kernels (user + system), None where unknown
    executed: dict[str, float]  # chapter source (relative path) -> execution seconds

    @property
    def execution(self) -> float:
        return sum(self.executed.values())


def executions(book: Path, since: float) -> dict[str, float]:
    """Notebooks executed (and cached) after ``since`` (a ``time.time()``)."""
    from jupyter_cache import get_cache

    ran = {}
    for cache in sorted((book / "_build" / ".jupyter_cache").glob("descent-*")):
        for record in get_cache(cache).list_cache_records():
            created = record.created
            if created.tzinfo is None:  # jupyter-cache stores UTC without a zone
                created = created.replace(tzinfo=timezone.utc)
            if created.timestamp() >= since:
                ran[Path(record.uri).relative_to(book).as_posix()] = record.data.get("execution_seconds") or 0.0
    return ran


def children_cpu() -> float | None:
    """CPU seconds of the finished child processes (and theirs), where the OS says."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(book: Path, builder: str = "html") -> Build:
    since, start, cpu = time.time(), time.perf_counter(), children_cpu()
    with chapters_import_from(book / "src"):
        result = build_book.build(book, builder=builder, capture=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"the book build failed in {book}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    cpu = None if cpu is None else children_cpu() - cpu
    return Build(elapsed, cpu, executions(book, since))


def timing(builds: list[Build]) -> str:
    """Wall time, the fastest of the repeats (the least disturbed by other
    processes), and CPU time, which barely moves with the machine's load."""
    walls = [b.seconds for b in builds]
    text = seconds(min(walls)) + (f" (fastest of {len(walls)}, slowest {seconds(max(walls))})" if len(walls) > 1
                                  else " (1 run)")
    if builds[0].cpu is not None:
        text += f"; CPU {seconds(min(b.cpu for b in builds))}"
    return text


def chapters_with_code(book: Path) -> list[str]:
    """Sources listed in the table of contents that have code cells, in its order."""
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))

    def files(node) -> list[str]:
        if isinstance(node, dict):
            own = [node["file"]] if "file" in node else []
            return own + [f for key in ("parts", "chapters", "sections") for child in node.get(key, []) for f in files(child)]
        return []

    found = [toc["root"], *files(toc)]
    return [f"{name}.md" for name in found if "```{code-cell}" in (book / f"{name}.md").read_text(encoding="utf-8")]


@contextmanager
def chapters_import_from(src: Path):
    """Put ``src`` first on the path of the kernels the build starts."""
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), saved]))
    try:
        yield
    finally:
        if saved is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def names(executed: dict[str, float]) -> str:
    return ", ".join(f"{Path(p).stem} {seconds(s)}" for p, s in executed.items()) or "none"


@dataclass
class Session:
    """The builds of one copy of the book, in the order they are made."""

    book: Path
    clean: Build | None = None
    unchanged: list[Build] = field(default_factory=list)
    prose: list[Build] = field(default_factory=list)
    code: Build | None = None
    package: Build | None = None


def copy_at(revision: str | None, target: Path) -> Path:
    """The working tree as it is (``None``), or the tree of a git revision."""
    if revision is None:
        shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    else:
        archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    return target


def measure(sessions: list[Session], repeats: int) -> str:
    """Make the same builds in every session, taking the sessions in turn at each step.

    Returns the edited chapter: the one whose notebook took longest in the
    first session's clean build.
    """
    for s in sessions:
        s.clean = timed_build(s.book)
    executed = sessions[0].clean.executed
    chapter = max(executed, key=executed.get) if executed else chapters_with_code(sessions[0].book)[0]
    for _ in range(repeats):
        for s in sessions:
            s.unchanged.append(timed_build(s.book))
    for i in range(repeats):
        for s in sessions:
            append(s.book / chapter, f"\n\n벤치마크가 덧붙인 문단 {i + 1}.\n")
            s.prose.append(timed_build(s.book))
    for s in sessions:
        append(s.book / chapter, "\n```{code-cell} ipython3\nbenchmark_edit = 1\n```\n")
        s.code = timed_build(s.book)
    for s in sessions:
        append(s.book / "src" / "descent" / "__init__.py", "\n# benchmark edit\n")
        s.package = timed_build(s.book)
    return chapter


def speedup(old: list[Build], new: list[Build]) -> str:
    """Old over new, CPU and wall time, from the fastest build of each."""
    wall = min(b.seconds for b in old) / min(b.seconds for b in new)
    if old[0].cpu is None:
        return f"{wall:.2f}× (wall)"
    return f"{min(b.cpu for b in old) / min(b.cpu for b in new):.2f}× CPU, {wall:.2f}× wall"


def run(args) -> list[Row]:
    repeats = 1 if args.quick else 3
    with tempfile.TemporaryDirectory(prefix="descent-bench-") as tmp:
        sessions = [Session(copy_at(None, Path(tmp) / "book"))]
        if args.baseline:
            sessions.append(Session(copy_at(args.baseline, Path(tmp) / "baseline")))
        coded = chapters_with_code(sessions[0].book)
        chapter = measure(sessions, repeats)
    new = sessions[0]
    clean, prose, code, package = new.clean, new.prose, new.code, new.package
    prose_ran = {p: s for b in prose for p, s in b.executed.items()}
    prose_time = min(b.seconds for b in prose)
    rows = [
        Row(PART, f"clean build, whole book (pages with code: {len(coded)})", timing([clean]),
            f"< {CLEAN_TARGET:.0f} s", verdict(clean.seconds < CLEAN_TARGET)),
        # The notebooks run side by side, one per core (bookbuild.plumbing): their times add up to more than their share of the wall time.
        Row(PART, "  notebook execution, the kernels' times added up", f"{seconds(clean.execution)}: {names(clean.executed)}"),
        Row(PART, "rebuild, no change", timing(new.unchanged)
            + "".join(f"; re-executed {names(b.executed)}" for b in new.unchanged if b.executed)),
        Row(PART, f"rebuild after a prose edit in {chapter}", timing(prose),
            f"< {EDIT_TARGET:.0f} s", verdict(prose_time < EDIT_TARGET)),
        Row(PART, "  notebooks re-executed after the prose edit", names(prose_ran), "at most the edited chapter",
            verdict(set(prose_ran) <= {chapter})),
        Row(PART, f"rebuild after a code-cell edit in {chapter}",
            f"{timing([code])}; re-executed: {names(code.executed)}", "only the edited chapter re-executes",
            verdict(set(code.executed) == {chapter})),
        Row(PART, "rebuild after an edit to src/",
            f"{timing([package])}; re-executed {len(package.executed)} of {len(coded)}: "
            f"{names(package.executed)}", "every chapter re-executes", verdict(set(package.executed) == set(coded))),
    ]
    if args.baseline:
        old = sessions[1]
        for name, before, after in (("clean build", [old.clean], [clean]), ("rebuild, no change", old.unchanged, new.unchanged),
                                    ("rebuild after the prose edit", old.prose, prose),
                                    ("rebuild after the src/ edit", [old.package], [package])):
            rows.append(Row(PART, f"  {name}: speed-up over {args.baseline}", speedup(before, after)))
    return rows
