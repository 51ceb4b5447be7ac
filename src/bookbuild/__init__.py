"""The book's build plumbing: Sphinx extensions and the commands around the build.

One package apart from ``descent`` (the code the chapters call): nothing here
is imported by a chapter, and ``descent`` imports nothing from here.

Sphinx extensions (``sphinx.extra_extensions`` in ``_config.yml``):

* ``bookbuild.plumbing``: notebook cache keyed on ``descent``, stable executed notebooks
* ``bookbuild.typeset``: math typeset at build time (MathJax 3 in Node from PyPI) as MathML, and its font
* ``bookbuild.fonts``: the Hangul web font, subset to the characters in use
* ``bookbuild.notebooks``: each chapter as a notebook, "Colab에서 열기" and "노트북 내려받기"
* ``bookbuild.handout``: what the single-page build needs to print as the PDF handout
* ``bookbuild.search``: Korean words in the search index; the page that teaches a term ranks first
* ``bookbuild.theme``: fixes to the stock theme (templates, Korean frame words, favicon, page weight)
* ``bookbuild.seo``: descriptions, Open Graph, ``sitemap.xml``, the 404 page, the site root

Commands (``python -m bookbuild.X``, run from the book's folder):

* ``bookbuild.build``: the strict HTML build (``make book``)
* ``bookbuild.pdf``: the A4 handouts: the book, each chapter, each also without solutions (``make pdf``)
* ``bookbuild.notebooks``: write or check ``notebooks/*.ipynb`` (``make notebooks``)
* ``bookbuild.reproducible``: two clean builds must be identical (``make reproducible``)
* ``bookbuild.links``: every internal link of a built site resolves
* ``bookbuild.external_links``: the site's links to other sites, and which are broken (a weekly workflow)
* ``bookbuild.offline``: run a command with loopback as the only network

Which book: a command works on the book in the current directory, or the
nearest folder above it holding ``_config.yml`` and ``_toc.yml``
(:func:`book_root`); ``--source DIR`` where a command takes it names another.
The Sphinx extensions get the book's folder from Sphinx (``app.srcdir``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["book_root"]


def book_root(start: Path | str | None = None) -> Path:
    """The book's folder: ``start`` (default: the current directory) or the nearest folder
    above it that holds ``_config.yml`` and ``_toc.yml``."""
    here = Path.cwd() if start is None else Path(start)
    here = here.resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "_toc.yml").is_file():
            return folder
    raise FileNotFoundError(f"no book here: neither {here} nor a folder above it holds _config.yml and _toc.yml")
