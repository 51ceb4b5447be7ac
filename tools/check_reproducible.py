"""Build the book twice from scratch and list every output file that differs.

    python tools/check_reproducible.py              # the whole book: two clean builds
    python tools/check_reproducible.py --offline    # the same, both builds with no network at all
    python tools/check_reproducible.py --keep DIR   # build into DIR and keep both for inspection

Two clean builds of one commit must give byte-identical pages, figures,
executed notebooks, search index, inventory (``objects.inv``) and page
sources. Compared: every file under ``_build/html`` and
``_build/jupyter_execute``. Not compared, because they are the builder's
private state and never published: ``.doctrees`` (Sphinx's pickles) and
``.jupyter_cache`` (a SQLite database with execution times).

``--offline`` runs each build in a new network namespace (``unshare --net``)
that has only the loopback interface, which the Jupyter kernel needs to talk
to the builder: proof that building needs nothing from the internet.

Exit status 0 when nothing differs, 1 otherwise (the differing files are listed).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import build_book

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


def differing_files(a: Path, b: Path) -> list[str]:
    """Compared files that differ between two ``_build`` folders, or exist in only one."""
    files_a, files_b = output_files(a), output_files(b)
    only = files_a ^ files_b
    changed = {name for name in files_a & files_b if not filecmp.cmp(a / name, b / name, shallow=False)}
    return sorted(only | changed)


def offline(command: list[str]) -> list[str]:
    """``command`` run in a fresh network namespace whose only interface, loopback, is up.

    As root ``unshare --net`` suffices; other users get one through a user
    namespace (``--map-root-user``), where the kernel allows it.
    """
    user = [] if os.geteuid() == 0 else ["--map-root-user"]
    return ["unshare", *user, "--net", "--", "sh", "-c", 'ip link set lo up && exec "$@"', "offline", *command]


def offline_unavailable() -> str | None:
    """Why :func:`offline` cannot run here, or ``None`` when it can."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "unshare (util-linux) and ip (iproute2) are needed to build without network"
    probe = subprocess.run(offline(["true"]), capture_output=True, text=True)
    if probe.returncode != 0:
        return f"this system does not allow a private network namespace: {probe.stderr.strip()}"
    return None


def build(source: Path, output: Path, *, no_network: bool = False) -> subprocess.CompletedProcess:
    """A clean strict build of ``source`` into ``output`` (see ``build_book.build``), optionally offline."""
    if not no_network:
        return build_book.build(source=source, output=output, clean=True, capture=True)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import build_book; "
        "sys.exit(build_book.build(source=sys.argv[2], output=sys.argv[3], clean=True).returncode)"
    )
    command = [sys.executable, "-c", script, str(Path(build_book.__file__).parent), str(source), str(output)]
    return subprocess.run(offline(command), text=True, capture_output=True)


def build_twice(source: Path, workdir: Path, *, no_network: bool = False) -> tuple[Path, Path]:
    """Two clean strict builds of ``source`` into ``workdir/first`` and ``workdir/second``."""
    builds = []
    for name in ("first", "second"):
        result = build(source, workdir / name, no_network=no_network)
        if result.returncode != 0:
            raise RuntimeError(f"the {name} build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
        builds.append(workdir / name / "_build")
    return builds[0], builds[1]


def check(source: Path = build_book.ROOT, workdir: Path | None = None, *, no_network: bool = False) -> list[str]:
    """Build ``source`` twice (in ``workdir``, else a temporary folder) and return the differing files."""
    if workdir is not None:
        return differing_files(*build_twice(source, workdir, no_network=no_network))
    with tempfile.TemporaryDirectory(prefix="reproducible-") as tmp:
        return differing_files(*build_twice(source, Path(tmp), no_network=no_network))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=build_book.ROOT, help="the book's folder")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR", help="build into DIR and keep it")
    parser.add_argument("--offline", action="store_true", help="build in a network namespace with only loopback")
    args = parser.parse_args(argv)
    if args.offline and (reason := offline_unavailable()):
        print(f"cannot build offline: {reason}", file=sys.stderr)
        return 2
    if args.keep is not None:
        shutil.rmtree(args.keep, ignore_errors=True)
    differ = check(args.source.resolve(), args.keep, no_network=args.offline)
    for name in differ:
        print(f"differs: {name}")
    if differ:
        print(f"{len(differ)} output files differ between two clean builds", file=sys.stderr)
        return 1
    print("two clean builds gave identical output" + (", with no network" if args.offline else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
