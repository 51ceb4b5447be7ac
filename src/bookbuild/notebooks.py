"""Every chapter with code as a standalone Jupyter notebook, and the page buttons that offer it.

    python -m bookbuild.notebooks           # (re)write notebooks/*.ipynb of the book in this folder
    python -m bookbuild.notebooks --check   # exit 1 if they differ from the chapters

A chapter (a MyST Markdown notebook, read by myst-nb as the build reads it)
becomes ``notebooks/<name>.ipynb`` that runs as is in Colab or any Jupyter,
outside the repository:

* a first code cell installs ``descent`` when it is missing, from the book's
  repository (``repository.url`` in ``_config.yml``, so a fork's notebooks
  install the fork) at a fixed commit, not the moving branch: the last commit
  that changed the package (``src/descent``, ``pyproject.toml``), found by git
  when the notebook is made; with it, the package's dependencies at the
  versions of ``requirements.txt``, those the book was executed with. The
  notebook's metadata (``"descent"``) records both;
* ``from myst_nb import glue`` gets a fallback that prints each glued value,
  since myst-nb is not there: the text names the value, the cell shows it;
* the Markdown cells are made readable without Sphinx by ``bookbuild.markdown``
  (why that is written by hand: its docstring); figure captions follow the
  cell that draws the figure;
* no outputs: the reader runs it.

Colab opens the committed copies from GitHub, so rerun this (``make
notebooks``) after editing a chapter, ``repository`` in ``_config.yml``,
``requirements.txt``, or after committing a change to the package (which
moves the pin); ``tests/book/test_notebooks.py`` fails while they are stale. The HTML build
(this module as a Sphinx extension) makes the same notebook from the chapter,
writes it next to the page for download, and puts "Colab에서 열기" and
"노트북 내려받기" under the chapter title. Pages without code get nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import nbformat
from myst_nb.core.read import is_myst_markdown_notebook, read_myst_markdown_notebook

from bookbuild import book_root
from bookbuild.markdown import NOTEBOOK_DIR, HEADING, PACKAGE_PATHS, Book, Renderer, git, notebook_path, package_commit

GLUE_IMPORT = re.compile(r"^(?P<indent>[ \t]*)from myst_nb import glue[ \t]*$", re.M)
GLUE_FALLBACK = '''\
try:
    from myst_nb import glue
except ImportError:  # outside the book: show the value that the book's text quotes
    from IPython.display import display as _show

    def glue(name, variable, display=True):
        if isinstance(variable, (str, int, float)):
            print(f"{name} = {variable}")
        else:
            _show(variable)'''
INSTALL_CELL = '''\
# 이 노트북은 책의 파이썬 패키지 descent를 쓴다. descent가 없으면 (Colab 등) 이 노트북을
# 만든 커밋의 descent를, 책을 만들 때 실행한 버전의 패키지들과 함께 설치한다.
import importlib.util
import subprocess
import sys

if importlib.util.find_spec("descent") is None:
    packages = [
{packages}
    ]
    loaded = [name for name in ("numpy", "scipy", "matplotlib", "sklearn") if name in sys.modules]
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *packages], check=True)
    importlib.invalidate_caches()
    if loaded:
        print("이미 불러온 패키지의 버전이 바뀌었을 수 있다. 런타임(세션)을 다시 시작한 뒤 이 셀부터 다시 실행하라.")'''
#: The notebook's metadata key that records what its first cell installs.
PIN_KEY = "descent"


# --------------------------------------------------------------------------- the notebook


def chapter_notebook(book: Book, docname: str) -> nbformat.NotebookNode | None:
    """The standalone notebook of a chapter, or None when it has no code to run."""
    text = book.texts.get(docname)
    if text is None or not is_myst_markdown_notebook(text):
        return None
    source = read_myst_markdown_notebook(text, book.markdown_config)
    if not any(cell.cell_type == "code" for cell in source.cells):
        return None
    renderer = Renderer(book, docname)
    cells = []
    for cell in source.cells:
        if cell.cell_type == "markdown":
            if markdown := renderer.markdown(cell.source):
                cells.append(nbformat.v4.new_markdown_cell(markdown))
        elif cell.cell_type == "code":
            code = GLUE_IMPORT.sub(lambda m: indent(GLUE_FALLBACK, m["indent"]), cell.source)
            tags = cell.metadata.get("tags", [])
            cells.append(nbformat.v4.new_code_cell(code, metadata={"tags": tags} if tags else {}))
            figure = cell.metadata.get("mystnb", {}).get("figure", {})
            if figure.get("caption") or figure.get("name"):
                caption = renderer.caption("figure", figure.get("name"), figure.get("caption", ""))
                cells.append(nbformat.v4.new_markdown_cell("\n".join(caption)))
    if renderer.cited and not renderer.listed:  # the book lists them on another page: list them here
        cells.append(nbformat.v4.new_markdown_cell("\n".join(["**참고 문헌**", "", *renderer.references()])))
    first_code = next(i for i, cell in enumerate(cells) if cell.cell_type == "code")
    cells[first_code:first_code] = [
        nbformat.v4.new_markdown_cell(introduction(book, text, renderer.glued[:1])),
        nbformat.v4.new_code_cell(install_cell(book)),
    ]
    for number, cell in enumerate(cells, start=1):
        cell.id = f"cell-{number}"  # fixed ids: the same chapter gives the same bytes
    metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        # What the first cell installs: the package at this commit, its dependencies at these versions.
        PIN_KEY: {"commit": book.pin, "requirement": book.requirement, "versions": book.versions},
    }
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def install_cell(book: Book) -> str:
    packages = "\n".join(f"        {package!r},".replace("'", '"') for package in [book.requirement, *book.versions])
    return INSTALL_CELL.format(packages=packages)


def introduction(book: Book, text: str, glued: list[str]) -> str:
    """A note on top: where this comes from, and how to read the numbers the book fills in."""
    title = next((m["title"] for line in text.splitlines() if (m := HEADING.match(line))), "")
    lines = [
        f"> 이 노트북은 책 《{book.setting('title', default='')}》의 「{title}」 장을 옮긴 것이다. "
        "위에서부터 차례로 실행하면 된다. 아래 첫 코드 셀은 책의 파이썬 패키지 `descent`가 없을 때 설치한다."
    ]
    for name in glued:
        lines.append(
            f">\n> 책에서 계산 결과가 들어가는 자리에는 `{name}`처럼 그 값의 이름을 적었다. "
            f'값은 그 앞의 코드 셀에서 `glue("{name}", ...)`가 출력한다.'
        )
    return "\n".join(lines)


def indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def notebook_json(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook, version=4) + "\n"


def book_notebooks(book: Book) -> dict[str, str]:
    """Every chapter notebook of the book: repository path -> file contents."""
    found: dict[str, str] = {}
    for docname in book.docnames:
        notebook = chapter_notebook(book, docname)
        if notebook is None:
            continue
        path = notebook_path(docname)
        if path in found:
            raise ValueError(f"two chapters would both be {path}: rename one of them")
        found[path] = notebook_json(notebook)
    return found


# --------------------------------------------------------------------------- the committed copies


def differences(root: Path, expected: dict[str, str] | None = None) -> dict[str, str]:
    """Notebooks that are missing, stale or left over: path -> what is wrong."""
    expected = book_notebooks(Book.load(root)) if expected is None else expected
    found = {p.relative_to(root).as_posix() for p in (root / NOTEBOOK_DIR).glob("*.ipynb")}
    wrong = {path: "left over (no chapter)" for path in found - set(expected)}
    for path, text in expected.items():
        if path not in found:
            wrong[path] = "missing"
        elif (root / path).read_text(encoding="utf-8") != text:
            wrong[path] = "stale"
            pinned = nbformat.reads((root / path).read_text(encoding="utf-8"), as_version=4).metadata.get(PIN_KEY, {})
            now = nbformat.reads(text, as_version=4).metadata.get(PIN_KEY, {})
            if pinned.get("commit") != now.get("commit"):
                wrong[path] += f" (pins {pinned.get('commit')}; the package last changed in {now.get('commit')})"
            elif pinned.get("versions") != now.get("versions"):
                wrong[path] += " (requirements.txt changed the versions it installs)"
    return wrong


def write(root: Path) -> list[str]:
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
    parser.add_argument("--source", type=Path, default=None, help="the book's folder (default: found from here)")
    args = parser.parse_args(argv)
    root = book_root(args.source)
    if args.check:
        wrong = differences(root)
        for path, problem in sorted(wrong.items()):
            print(f"{path}: {problem}")
        if wrong:
            print("run `make notebooks` and commit the result")
        return 1 if wrong else 0
    for path in write(root):
        print(f"updated {path}")
    if changed := git(root, "status", "--porcelain", "--", *PACKAGE_PATHS):
        print(f"warning: the package has uncommitted changes, which the notebooks' pin lacks:\n{changed}\n"
              "commit them, then run `make notebooks` again", file=sys.stderr)
    if package_commit(root) is None:
        print("warning: no commit to pin (no git, or a shallow clone): the notebooks install the branch",
              file=sys.stderr)
    return 0



# --------------------------------------------------------------------------- Sphinx


def _load_book(app) -> None:
    app.descent_book = Book.load(Path(app.srcdir))


def _add_buttons(app, doctree, docname: str) -> None:
    """Write the page's notebook next to it and put the two buttons under its title."""
    from docutils import nodes

    if app.builder.name != "html":
        return
    notebook = chapter_notebook(app.descent_book, docname)
    section = doctree.next_node(nodes.section)
    if notebook is None or section is None:
        return
    target = Path(app.outdir, f"{docname}.ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(notebook_json(notebook), encoding="utf-8")
    section.insert(1, nodes.raw("", buttons_html(app.descent_book, docname), format="html"))


def buttons_html(book: Book, docname: str) -> str:
    from html import escape

    links = []
    if colab := book.colab_url(docname):  # its logo is a CSS background: decoration, not a figure
        links.append(f'<a class="notebook-button notebook-button-colab" href="{escape(colab)}">Colab에서 열기</a>')
    name = PurePosixPath(docname).name
    links.append(
        f'<a class="notebook-button" href="{escape(quote(name))}.ipynb" download>'
        '<i class="fa-solid fa-download" aria-hidden="true"></i>노트북 내려받기 (.ipynb)</a>'
    )
    return f'<div class="notebook-buttons">{"".join(links)}</div>\n'


def _add_static_path(app, config) -> None:
    config.html_static_path = [*config.html_static_path, str(Path(__file__).resolve().parent / "static")]


def setup(app) -> dict:
    app.connect("builder-inited", _load_book)
    app.connect("doctree-resolved", _add_buttons)
    app.connect("config-inited", _add_static_path)
    app.add_css_file("notebook-buttons.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    sys.exit(main())
