"""What every benchmark shares: result rows, interleaved timing, the machine.

A benchmark module (``bench_build.py``, ``bench_library.py``, ...) exposes
``run(args) -> list[Row]``; ``run.py`` collects the rows into one table.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import importlib.util
import io
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent

MET, MISSED, NOT_AVAILABLE = "met", "missed", "not available yet"


@dataclass
class Row:
    """One line of the results table.

    ``verdict`` is :data:`MET` or :data:`MISSED` when the issue sets a target,
    empty when the figure is only reported, :data:`NOT_AVAILABLE` when the
    benchmark cannot run yet.
    """

    part: str
    name: str
    result: str
    target: str = ""
    verdict: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def verdict(ok: bool) -> str:
    return MET if ok else MISSED


def interleaved(candidates: dict[str, Callable[[], object]], rounds: int,
                clock: Callable[[], float] = time.process_time) -> dict[str, list[float]]:
    """Seconds of one call of each candidate, ``rounds`` times, taken in turn.

    The default clock is this process's CPU time, which does not run while
    other processes have the core: on a shared machine it is far steadier
    than wall time (it counts every thread, so it measures work, not
    parallel speed-up). Taking the candidates in turn (and in reverse order
    every other round) spreads what remains, cache and memory-bus contention,
    over all of them alike.
    """
    times: dict[str, list[float]] = {name: [] for name in candidates}
    order = list(candidates)
    for round_ in range(rounds):
        for name in order if round_ % 2 == 0 else reversed(order):
            start = clock()
            candidates[name]()
            times[name].append(clock() - start)
    return times


def ratio(numerator: list[float], denominator: list[float]) -> tuple[float, float, float]:
    """Ratio of the fastest times, and the range of the per-round ratios.

    The minimum is the estimate least disturbed by other processes; the range
    of the same-round ratios shows how much the machine wobbled meanwhile.
    """
    per_round = [a / b for a, b in zip(numerator, denominator)]
    return min(numerator) / min(denominator), min(per_round), max(per_round)


def seconds(value: float) -> str:
    """A duration with a unit that keeps three significant digits."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if value >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.3g} ns"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _blas() -> str:
    import numpy  # noqa: F401  (loads numpy's BLAS so that threadpoolctl sees it)
    from threadpoolctl import threadpool_info

    for pool in threadpool_info():
        if pool.get("user_api") == "blas" and "numpy" in pool.get("filepath", ""):
            return (f"{pool.get('internal_api')} {pool.get('version')} ({pool.get('architecture')}, "
                    f"{pool.get('num_threads')} threads)")
    return "unknown"


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except OSError:
        return "unknown"
    return f"{commit}{' + uncommitted edits' if dirty else ''}" if commit else "unknown"


def machine() -> dict[str, str]:
    """Where and when the figures were taken."""
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "cpu": f"{_cpu_model()}, {os.cpu_count()} logical cores",
        "load average (1, 5, 15 min)": load,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": f"{_version('numpy')}; BLAS {_blas()}",
        "scikit-learn": _version("scikit-learn"),
        "jupyter-book": f"{_version('jupyter-book')} (sphinx {_version('sphinx')}, myst-nb {_version('myst-nb')})",
    }


def package_at(revision: str, name: str = "descent_baseline") -> ModuleType:
    """The ``descent`` package as it was at a git revision, imported as ``name``.

    Lets a benchmark time the old and the new code in the same run.
    """
    archive = subprocess.run(["git", "archive", revision, "src/descent"], cwd=ROOT, capture_output=True, check=True)
    with tempfile.TemporaryDirectory(prefix="descent-baseline-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        package = Path(folder) / "src" / "descent"
        spec = importlib.util.spec_from_file_location(name, package / "__init__.py",
                                                      submodule_search_locations=[str(package)])
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)  # imports every submodule, so the files may go
    module.REVISION = revision
    return module
