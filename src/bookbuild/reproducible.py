"""Build the book twice from scratch and list every output file that differs.

    python -m bookbuild.reproducible              # the whole book: two clean builds
    python -m bookbuild.reproducible --keep DIR   # build into DIR and keep both for inspection
    python -m bookbuild.offline python -m bookbuild.reproducible    # and with no network at all

Two clean builds of one commit must give byte-identical pages, figures,
executed notebooks, search index, inventory (``objects.inv``) and page
sources. Compared: every file under ``_build/html`` and
``_build/jupyter_execute``. Not compared, because they are the builder's
private state and never published: ``.doctrees`` (Sphinx's pickles) and
``.jupyter_cache`` (a SQLite database with execution times).

Exit status 0 when nothing differs, 1 otherwise (the differing files are listed).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

from bookbuild import book_root
from bookbuild import build as build_book

#: Output folders that are published (or shipped as downloads) and so must be reproducible.
COMPARED = ("html", "jupyter_execute")


def output_files(build_dir: Path) -> set[str]:
    """Paths, relative to ``build_dir``, of every compared output file."""
    return {
        path.relative_to(build_dir).as_posix()
        for folder in COMPARED
        for path in (build_dir / folder).rglob("*")
        if path.is_file()
    }


def digests(build_dir: Path) -> dict[str, str]:
    """SHA-256 of every compared output file of a ``_build`` folder, by its relative path."""
    return {name: hashlib.sha256((build_dir / name).read_bytes()).hexdigest() for name in output_files(build_dir)}


def differing(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """Files whose digests differ between two builds, or that only one build has."""
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def differing_files(a: Path, b: Path) -> list[str]:
    """Compared files that differ between two ``_build`` folders, or exist in only one."""
    return differing(digests(a), digests(b))


def difference(a: Path, b: Path, name: str, context: int = 2, limit: int = 4000) -> str:
    """How the file ``name`` differs between two ``_build`` folders: a unified diff of a
    text file, cut to ``limit`` characters (long lines are cut around the change), else sizes."""
    first, second = a / name, b / name
    if not (first.is_file() and second.is_file()):
        return f"{name}: only in {a if first.is_file() else b}"
    try:
        old, new = (path.read_text(encoding="utf-8") for path in (first, second))
    except UnicodeDecodeError:
        return f"{name}: binary, {first.stat().st_size} and {second.stat().st_size} bytes"
    old, new = _around_change(old, new)
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), str(first), str(second), lineterm="", n=context)
    return "\n".join(lines)[:limit]


def _around_change(old: str, new: str, keep: int = 300) -> tuple[str, str]:
    """Both texts from ``keep`` characters before their first difference to ``keep`` after
    their last (a page can hold lines of 100 KB)."""
    start = next((i for i, (x, y) in enumerate(zip(old, new)) if x != y), min(len(old), len(new)))
    same_end = next((i for i, (x, y) in enumerate(zip(old[::-1], new[::-1])) if x != y), 0)
    same_end = min(same_end, len(old) - start, len(new) - start)
    cut = max(0, start - keep)
    return old[cut : len(old) - max(0, same_end - keep)], new[cut : len(new) - max(0, same_end - keep)]


def build_twice(source: Path, workdir: Path) -> tuple[Path, Path]:
    """Two clean strict builds of ``source`` into ``workdir/first`` and ``workdir/second``."""
    builds = []
    for name in ("first", "second"):
        result = build_book.build(source=source, output=workdir / name, clean=True, capture=True)
        if result.returncode != 0:
            raise RuntimeError(f"the {name} build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
        builds.append(workdir / name / "_build")
    return builds[0], builds[1]


def check(source: Path | None = None, workdir: Path | None = None) -> list[str]:
    """Build ``source`` (default: :func:`bookbuild.book_root`) twice (in ``workdir``, else a temporary
    folder) and return the differing files."""
    source = book_root() if source is None else Path(source)
    if workdir is not None:
        return differing_files(*build_twice(source, workdir))
    with tempfile.TemporaryDirectory(prefix="reproducible-") as tmp:
        return differing_files(*build_twice(source, Path(tmp)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=None, help="the book's folder (default: found from here)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR", help="build into DIR and keep it")
    args = parser.parse_args(argv)
    if args.keep is not None:
        shutil.rmtree(args.keep, ignore_errors=True)
    differ = check(args.source.resolve() if args.source else None, args.keep)
    for name in differ:
        print(f"differs: {name}")
        if args.keep is not None:
            print(difference(args.keep / "first" / "_build", args.keep / "second" / "_build", name))
    if differ:
        print(f"{len(differ)} output files differ between two clean builds", file=sys.stderr)
        return 1
    print("two clean builds gave identical output")
    return 0


if __name__ == "__main__":
    sys.exit(main())
