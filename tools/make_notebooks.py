"""Write the standalone notebook of every chapter with code into notebooks/.

    python tools/make_notebooks.py           # (re)write notebooks/*.ipynb
    python tools/make_notebooks.py --check   # exit 1 if they differ from the chapters

Colab opens these committed copies from GitHub, so rerun this (``make
notebooks``) after editing a chapter or ``repository`` in ``_config.yml``;
``tests/book/test_notebooks.py`` fails while they are stale. How a chapter becomes
a notebook: ``_ext/descent_notebooks.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

from descent_notebooks import NOTEBOOK_DIR, Book, book_notebooks  # noqa: E402


def differences(root: Path = ROOT, expected: dict[str, str] | None = None) -> dict[str, str]:
    """Notebooks that are missing, stale or left over: path -> what is wrong."""
    expected = book_notebooks(Book.load(root)) if expected is None else expected
    found = {p.relative_to(root).as_posix() for p in (root / NOTEBOOK_DIR).glob("*.ipynb")}
    wrong = {path: "left over (no chapter)" for path in found - set(expected)}
    for path, text in expected.items():
        if path not in found:
            wrong[path] = "missing"
        elif (root / path).read_text(encoding="utf-8") != text:
            wrong[path] = "stale"
    return wrong


def write(root: Path = ROOT) -> list[str]:
    """Write every notebook and delete those of removed chapters; returns the paths changed."""
    expected = book_notebooks(Book.load(root))
    changed = differences(root, expected)
    for path in changed:
        if path in expected:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(expected[path], encoding="utf-8")
        else:
            (root / path).unlink()
    return sorted(changed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report notebooks that differ from the chapters")
    args = parser.parse_args(argv)
    if args.check:
        wrong = differences()
        for path, problem in sorted(wrong.items()):
            print(f"{path}: {problem}")
        if wrong:
            print("run `make notebooks` and commit the result")
        return 1 if wrong else 0
    for path in write():
        print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
