"""Build the book strictly: the one place that says how.

    python tools/build_book.py                 # HTML into _build/html (notebook cache reused)
    python tools/build_book.py --clean         # from scratch, as CI does
    python tools/build_book.py --output DIR    # into DIR/_build/html, leaving _build alone

Strict means: a Sphinx warning (-W), a missing reference target (-n), a cell
that raises (``execute.raise_on_error``) or writes to stderr
(``execute.stderr_output: warn``) fails the build; ``--keep-going`` lists all
of them first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT = ["-W", "-n", "--keep-going"]


def jupyter_book() -> str:
    """The ``jupyter-book`` script of the running interpreter's environment."""
    found = shutil.which("jupyter-book", path=sysconfig.get_path("scripts"))
    if found is None:
        raise SystemExit("jupyter-book is not installed in this environment: run `make setup` first")
    return found


def source_date_epoch() -> str:
    """The last commit's time: the date stamped into figures and the copyright year."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    except OSError:  # no git: a fixed date in the book's year
        return "1767225600"
    return out.stdout.strip() or "1767225600"


def build_env() -> dict[str, str]:
    """Environment for reproducible output: fixed dates in figures, fixed hashing."""
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch())
    env["PYTHONHASHSEED"] = "0"
    return env


def build(source: Path = ROOT, output: Path | None = None, *, builder: str = "html", clean: bool = False,
          capture: bool = False) -> subprocess.CompletedProcess:
    """Run a strict ``jupyter-book build``; returns the finished process."""
    out_root = Path(output) if output is not None else Path(source)
    if clean:
        shutil.rmtree(out_root / "_build", ignore_errors=True)
    cmd = [jupyter_book(), "build", str(source), "--builder", builder, *STRICT]
    if output is not None:
        cmd += ["--path-output", str(output)]
    return subprocess.run(cmd, env=build_env(), text=True, capture_output=capture)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--builder", default="html")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--clean", action="store_true", help="delete _build (and its notebook cache) first")
    args = parser.parse_args(argv)
    return build(output=args.output, builder=args.builder, clean=args.clean).returncode


if __name__ == "__main__":
    sys.exit(main())
