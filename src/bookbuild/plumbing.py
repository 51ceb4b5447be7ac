"""Build plumbing for the book (a local Sphinx extension).

1. The notebook cache is keyed on the code of ``descent`` as well as the
   cells: jupyter-cache only hashes a notebook's own code cells, so an edit to
   the package would otherwise leave stale outputs and figures in the book. A
   new cache path is also a changed config value, so Sphinx re-reads every
   page. The package is the installed one (``src/descent`` in an editable
   install), or the folder ``descent_package_dir`` names, relative to the book.
2. The executed notebooks get cell ids, and stream outputs, that do not change between builds;
   so do the pages, whose streams myst-nb merges (``merged_streams``).
3. A Markdown link's ``&`` stays one ``&`` (see ``UnescapeLinkAmpersands``).
4. The book's own static files (stylesheets, scripts of ``bookbuild`` and of
   the book's folder) are copied after every build: Sphinx copies them only when some page was out of date,
   so a rebuild after editing only a stylesheet kept serving the old one.
5. The notebooks about to be read are executed side by side, one per core, into
   the cache that myst-nb then reads them from (``_execute_side_by_side``).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import html
import os
import re
import shutil
import time
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util.fileutil import copy_asset

HERE = Path(__file__).resolve().parent  # this package's own static files are the book's too


def descent_folder() -> Path:
    """The folder of the installed ``descent`` package (``src/descent`` in an editable install),
    found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("descent")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the book needs the 'descent' package installed (make setup)")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


PACKAGE = descent_folder()


def package_hash(package: Path = PACKAGE) -> str:
    """Hash of every file of the package, names and contents."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key_cache_on_package(app: Sphinx, config: Config) -> None:
    base = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if base.name.startswith("descent-"):  # already keyed (config re-read)
        return
    package = Path(app.confdir, config.descent_package_dir) if config.descent_package_dir else PACKAGE
    keyed = base / f"descent-{package_hash(package)}"
    if base.is_dir():  # drop caches of older package versions
        for old in base.glob("descent-*"):
            if old != keyed:
                shutil.rmtree(old, ignore_errors=True)
    config.nb_execution_cache_path = str(keyed)


def _stable_notebooks(app: Sphinx, exc) -> None:
    """Make every executed notebook in ``jupyter_execute`` the same in every build.

    * myst-nb saves a page's notebook with its outputs only when it executed
      it itself; a notebook it found in the cache (every one, since they are
      executed side by side first) is saved without them. The outputs are
      taken from the cache.
    * jupytext gives each cell of a MyST notebook a random id (nbformat draws
      ``uuid4``): the cells are numbered instead.
    * The kernel flushes ``print`` output in chunks whose boundaries depend on
      timing, so one cell's text comes as one stream output in one build and as
      two in the next. They are joined into one output per stream, as
      ``nb_merge_streams`` joins them on the page
      (``tests/book/test_reproducible.py`` checks both).

    Only the notebooks this build wrote are read (the others were made stable
    by the build that wrote them).
    """
    import nbformat
    from jupyter_cache import get_cache

    if exc is not None:
        return
    cache = get_cache(app.config.nb_execution_cache_path) if app.config.nb_execution_mode == "cache" else None
    for path in sorted(Path(app.env.mystnb_config.output_folder).rglob("*.ipynb")):
        if path.stat().st_mtime_ns < app._descent_build_started:
            continue
        notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        if cache is not None:
            with contextlib.suppress(KeyError):  # not executed
                _, notebook = cache.merge_match_into_notebook(notebook)
        for number, cell in enumerate(notebook.cells):
            cell["id"] = f"cell-{number}"
            if cell.cell_type == "code":
                cell.outputs = _one_output_per_stream(cell.outputs)
        text = nbformat.writes(notebook)
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def _one_output_per_stream(outputs: list) -> list:
    """The outputs with each stream's chunks joined where its first chunk was."""
    first: dict[str, dict] = {}
    kept = []
    for output in outputs:
        if output.output_type == "stream":
            if output.name in first:
                first[output.name].text += output.text
                continue
            output = first[output.name] = copy.deepcopy(output)
        kept.append(output)
    return kept


def merged_streams(outputs: list) -> list:
    """myst-nb's ``nb_merge_streams``, given each stream whole.

    myst-nb 1.4 (``myst_nb.core.utils.coalesce_streams``) strips each chunk's
    trailing whitespace and ends it with a newline before joining, so a chunk
    that ended inside a line broke the line there. ``print`` writes a line and
    its newline in two writes; when the kernel flushed between them, the page
    showed a blank line (``learning-rate``, in one of two clean builds), and a
    flush inside a line would split a number. Joined exactly first, as in the
    saved notebooks, each stream is one chunk. ``setup`` puts this in myst-nb's
    place: myst-nb has no setting for it.
    """
    from myst_nb.core.utils import coalesce_streams

    return coalesce_streams(_one_output_per_stream(outputs))


class UnescapeLinkAmpersands(SphinxTransform):
    """Keep a Markdown link's ``&`` a single ``&`` in its URL.

    MyST-Parser 3 stores it as ``&amp;`` (executablebooks/MyST-Parser#760) and
    the HTML writer escapes it once more, which breaks query strings such as
    the TensorFlow Playground settings in the demo links.
    """

    default_priority = 500

    def apply(self, **kwargs) -> None:
        for ref in self.document.findall(nodes.reference):
            if "&amp;" in ref.get("refuri", ""):
                ref["refuri"] = html.unescape(ref["refuri"])


def _package_source(app: Sphinx, modname: str) -> tuple[str, dict] | None:
    """viewcode: read the package's modules from ``src/`` rather than import them.

    Importing them would load matplotlib (and scikit-learn) into Sphinx on
    every rebuild that writes a page, only to learn where the files are.
    """
    path = _module_path(modname)
    if path is None:
        return None
    return _analysed(modname, path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _analysed(modname: str, path: Path, mtime_ns: int) -> tuple[str, dict]:
    """A module's source and its tags, parsed once per version of the file: viewcode asks
    for every documented object (77 times for 11 modules), and each parse took 0.05 s."""
    from sphinx.pycode import ModuleAnalyzer

    source = path.read_text(encoding="utf-8")
    return source, ModuleAnalyzer.for_string(source, modname, str(path)).find_tags()


def _module_path(modname: str) -> Path | None:
    """The file of a module of the package in ``src/``; None for other modules."""
    parts = modname.split(".")
    if parts[0] != PACKAGE.name:
        return None
    path = PACKAGE.joinpath(*parts[1:])
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return path if path.is_file() else None


def _read_package_source_for_viewcode(app: Sphinx) -> None:
    if "sphinx.ext.viewcode" not in app.extensions:  # its event exists once it is loaded
        return
    from sphinx.ext import viewcode

    app.connect("viewcode-find-source", _package_source)
    # viewcode skips a module's page when it is newer than the module's file,
    # but it knows no file for a module found through the event above, so it
    # rewrote all nine pages on every rebuild (0.8 s of a prose edit's 5.8 s).
    stock = viewcode.get_module_filename
    viewcode.get_module_filename = lambda app, modname: (
        str(path) if (path := _module_path(modname)) else stock(app, modname))


def _execute_side_by_side(app: Sphinx, env, docnames: list[str]) -> None:
    """Execute the notebooks among ``docnames`` that are not cached, over a pool of
    processes (jupyter-cache's ``local-parallel`` executor, the one myst-nb's
    cache belongs to): myst-nb executes them one after another as it reads each
    page, and on two cores a clean build spent 104 of its 142 s waiting on that.

    A notebook staged here is read the way myst-nb reads it (the same reader
    plugin), so myst-nb finds it cached. One that fails is left uncached:
    myst-nb runs it again and fails the build with its own message.

    The pool is fed here, not by the executor's ``run_and_cache``: its
    ``pool.map`` hands out notebooks two at a time in name order, which put the
    two longest (``faster``, ``network``) behind others on one core. Here each
    worker takes one notebook at a time, the most code first (longest first
    keeps the last one running alone short).
    """
    import multiprocessing

    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor
    from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, ProcessData
    from myst_nb.core.read import is_myst_markdown_notebook

    config = app.config
    if config.nb_execution_mode != "cache":
        return
    paths = [Path(env.doc2path(docname)) for docname in docnames]
    paths = [path for path in paths if path.suffix == ".md" and is_myst_markdown_notebook(path.read_text("utf-8"))]
    cache = get_cache(config.nb_execution_cache_path)
    staged = [cache.add_nb_to_project(str(path), read_data={"type": "plugin", "name": "myst_nb_md"}) for path in paths]
    uncached = [record.pk for record in cache.list_unexecuted(filter_pks=[record.pk for record in staged])]
    if len(uncached) > 1:  # one alone is run by myst-nb, as it would be here
        records = load_executor("local-parallel", cache).get_records(filter_pks=uncached)  # clears old tracebacks
        records.sort(key=lambda record: len(_code(Path(record.uri))), reverse=True)
        jobs = [ProcessData(record.pk, record.uri, cache, config.nb_execution_timeout,
                            config.nb_execution_allow_errors) for record in records]
        with multiprocessing.Pool(min(len(jobs), os.cpu_count() or 1)) as pool:
            pool.map(ExecutionWorkerLocalMProc(), jobs, chunksize=1)


def _code(path: Path) -> str:
    """The code cells of a MyST notebook, run time's stand-in before it has run."""
    return "".join(re.findall(r"^```\{code-cell\}.*?^```", path.read_text("utf-8"), flags=re.M | re.S))


def _note_start(app: Sphinx) -> None:
    app._descent_build_started = time.time_ns()


def _refresh_static_files(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    for entry in app.config.html_static_path:
        source = Path(app.confdir, entry).resolve()
        # The book's own and this package's; other themes and extensions do not change.
        if source.is_relative_to(Path(app.confdir).resolve()) or source.is_relative_to(HERE):
            copy_asset(source, Path(app.outdir, "_static"))  # unchanged files are left alone


def setup(app: Sphinx) -> dict:
    from myst_nb.core import render

    render.coalesce_streams = merged_streams
    app.add_config_value("descent_package_dir", "", "env", str)
    app.add_transform(UnescapeLinkAmpersands)
    app.connect("config-inited", _key_cache_on_package)
    app.connect("build-finished", _stable_notebooks)
    app.connect("build-finished", _refresh_static_files)
    app.connect("builder-inited", _read_package_source_for_viewcode)
    app.connect("builder-inited", _note_start)
    app.connect("env-before-read-docs", _execute_side_by_side)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
