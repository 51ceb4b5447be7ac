"""Tiny fixture books built with the project's own configuration, for tests of the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HEADER = "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n"


def make_book(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A book in ``tmp_path`` with the project's config and bibliography.

    The build plumbing is the installed ``bookbuild``, which the config names, as for the book itself."""
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    for bib in yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")).get("bibtex_bibfiles", []):
        (tmp_path / bib).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / bib, tmp_path / bib)
    names = list(pages)
    toc = f"format: jb-book\nroot: {names[0]}\n"
    if names[1:]:
        toc += "chapters:\n" + "".join(f"  - file: {name}\n" for name in names[1:])
    (tmp_path / "_toc.yml").write_text(toc)
    for name, body in pages.items():
        (tmp_path / f"{name}.md").write_text(HEADER + body, encoding="utf-8")
    return tmp_path


def cell(code: str) -> str:
    """A MyST code cell."""
    return f"```{{code-cell}} ipython3\n{code}\n```\n"
