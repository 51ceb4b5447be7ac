"""Run the benchmarks and print one table (``make bench``).

    python -m benchmarks.run                  # every part, a few minutes (from the repository root)
    python -m benchmarks.run --quick          # fewer repeats and settings
    python -m benchmarks.run --only library   # some parts only
    python -m benchmarks.run --baseline main  # also time the package as it was at a git revision

Each part is a module of this folder with ``run(args) -> list[Row]`` (see
``common.py``); a part whose module is not there yet gets a row saying so.
Timings are compared as ratios taken in the same run, never against fixed
numbers: this machine is shared and its speed drifts.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import traceback
from pathlib import Path

from benchmarks.common import NOT_AVAILABLE, Row, machine

HERE = Path(__file__).resolve().parent

#: part -> (modules that may provide it, first found wins; what it waits for when none does)
PARTS = {
    "build": ("1. build", ["bench_build"], ""),
    "library": ("2. library", ["bench_library"], ""),
    "pages": ("3. pages", ["bench_pages"],
              "needs the Lighthouse benchmark of the browser issue, run by benchmarks/bench_pages.py with run(args)"),
    "pdf": ("4. pdf", ["bench_pdf"], "needs `make pdf` (PDF issue) and benchmarks/bench_pdf.py with run(args) timing it"),
}


def find_part(modules: list[str]):
    """The first of ``modules`` that exists here and has ``run``; else None and why not."""
    for name in modules:
        path = HERE / f"{name}.py"
        if path.is_file():
            qualified = f"benchmarks.{name}"  # where dataclasses and pickle look modules up
            module = sys.modules.get(qualified)
            if module is None or Path(module.__file__).resolve() != path.resolve():
                spec = importlib.util.spec_from_file_location(qualified, path)
                module = importlib.util.module_from_spec(spec)
                sys.modules[qualified] = module
                spec.loader.exec_module(module)
            if callable(getattr(module, "run", None)):
                return module, ""
            return None, f"benchmarks/{name}.py has no run(args) -> rows"
    return None, ""


def run_parts(args) -> tuple[list[Row], bool]:
    rows, failed = [], False
    for key in args.only or list(PARTS):
        label, modules, waits_for = PARTS[key]
        try:
            module, why = find_part(modules)
            if module is None:
                rows.append(Row(label, "—", why or waits_for, "", NOT_AVAILABLE))
                continue
            print(f"running {label} ({module.__name__}) ...", file=sys.stderr, flush=True)
            rows += module.run(args)
        except Exception as exc:  # a broken part is reported and fails the run, the others still run
            traceback.print_exc()
            rows.append(Row(label, "—", f"failed: {type(exc).__name__}: {exc}".splitlines()[0], "", "error"))
            failed = True
    return rows, failed


def table(rows: list[Row]) -> str:
    lines = ["| part | measurement | result | target | verdict |", "| --- | --- | --- | --- | --- |"]
    for row in rows:
        cells = [row.part, row.name, row.result, row.target, row.verdict]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and settings (about a third of the time)")
    parser.add_argument("--only", nargs="+", choices=list(PARTS), help="run these parts only")
    parser.add_argument("--baseline", metavar="REV",
                        help="also time src/descent as it was at this git revision (library part)")
    parser.add_argument("--blas-threads", type=int, default=1, metavar="N",
                        help="BLAS threads for the library part (default 1: the loop, not the neighbours)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the machine and the rows as JSON")
    args = parser.parse_args(argv)

    about = machine()
    rows, failed = run_parts(args)
    print("\n".join(f"- {key}: {value}" for key, value in about.items()))
    print(f"- options: {' '.join(sys.argv[1:]) or '(none)'}; BLAS threads in the library part: {args.blas_threads}\n")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps({"machine": about, "rows": [r.as_dict() for r in rows]}, ensure_ascii=False,
                                        indent=1) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
