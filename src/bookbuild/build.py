"""Build the book strictly: the one place that says how.

    python -m bookbuild.build                 # HTML into _build/html (notebook cache reused)
    python -m bookbuild.build --clean         # from scratch, as CI does
    python -m bookbuild.build --output DIR    # into DIR/_build/html, leaving _build alone
    python -m bookbuild.build --source DIR    # another book (default: the one in the current directory)

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

from bookbuild import book_root

STRICT = ["-W", "-n", "--keep-going"]


def jupyter_book() -> str:
    """The ``jupyter-book`` script of the running interpreter's environment."""
    found = shutil.which("jupyter-book", path=sysconfig.get_path("scripts"))
    if found is None:
        raise SystemExit("jupyter-book is not installed in this environment: run `make setup` first")
    return found


def source_date_epoch(source: Path | None = None) -> str:
    """The last commit's time: the date stamped into figures and the copyright year."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=source or Path.cwd(), capture_output=True,
                             text=True)
    except OSError:  # no git: a fixed date in the book's year
        return "1767225600"
    return out.stdout.strip() or "1767225600"


def build_env(source: Path | None = None) -> dict[str, str]:
    """Environment for reproducible output: fixed dates in figures, fixed hashing.

    matplotlib's font cache lives in this environment (``MPLCONFIGDIR``): the
    shared one in the home folder may list the fonts of another environment,
    since deleted, and every figure then writes "findfont" to stderr, which
    fails the strict build.
    """
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(source))
    env.setdefault("MPLCONFIGDIR", str(Path(sys.prefix) / "matplotlib"))
    env["PYTHONHASHSEED"] = "0"
    return env


def build(source: Path | None = None, output: Path | None = None, *, builder: str = "html", clean: bool = False,
          capture: bool = False) -> subprocess.CompletedProcess:
    """Run a strict ``jupyter-book build`` of ``source`` (default: :func:`bookbuild.book_root`)."""
    source = book_root() if source is None else Path(source)
    out_root = Path(output) if output is not None else Path(source)
    if clean:
        shutil.rmtree(out_root / "_build", ignore_errors=True)
    cmd = [jupyter_book(), "build", str(source), "--builder", builder, *STRICT]
    if output is not None:
        cmd += ["--path-output", str(output)]
    return subprocess.run(cmd, env=build_env(source), text=True, capture_output=capture)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=None, help="the book's folder (default: found from here)")
    parser.add_argument("--builder", default="html")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--clean", action="store_true", help="delete _build (and its notebook cache) first")
    args = parser.parse_args(argv)
    return build(args.source, output=args.output, builder=args.builder, clean=args.clean).returncode


if __name__ == "__main__":
    sys.exit(main())
