"""Every page of the table of contents, built: what holds for any chapter, new ones included.

The pages are read from ``_toc.yml``, so a chapter added there is checked
without touching this file. A chapter's own numbers are checked by the
chapter itself (an ``assert`` next to each ``glue``), not re-typed here.
"""

import re
from html import unescape
from pathlib import Path

import pytest
from sphinx_external_toc.parsing import parse_toc_yaml

from books import ROOT


def toc_pages(root: Path = ROOT) -> list[str]:
    """Every document of the table of contents, in reading order."""
    site = parse_toc_yaml(root / "_toc.yml")
    found = [site.root.docname]

    def walk(docname: str) -> None:
        for tree in site[docname].subtrees:
            for item in tree.files():
                found.append(item)
                walk(item)

    walk(site.root.docname)
    return found


PAGES = toc_pages()


def page(book_html: Path, docname: str) -> str:
    return (book_html / f"{docname}.html").read_text(encoding="utf-8")


def body(html: str) -> str:
    """The article, without the page frame (sidebars, header buttons)."""
    match = re.search(r'<article class="bd-article">(.*)</article>', html, re.S)
    assert match, "no article on the page"
    return match[1]


def test_the_table_of_contents_is_read_not_copied():
    assert len(PAGES) == len(set(PAGES)) >= 3
    assert all((ROOT / f"{name}.md").is_file() for name in PAGES)


@pytest.mark.parametrize("docname", PAGES)
def test_no_glue_or_output_is_left_unresolved(book_html: Path, docname: str):
    html = body(page(book_html, docname))
    assert "{glue" not in html, "a {glue} role or directive that found no value"
    assert "&lt;Figure size" not in html and "<Figure size" not in html, "a figure printed as text"
    assert "Traceback (most recent call last)" not in html


@pytest.mark.parametrize("docname", PAGES)
def test_every_exercise_has_its_solution(book_html: Path, docname: str):
    html = body(page(book_html, docname))
    exercises = set(re.findall(r'<div class="exercise admonition" id="([^"]+)"', html))
    # A solution links back to its exercise in its title.
    solutions = re.findall(r'<div class="solution[^"]*admonition[^"]*"[^>]*>(.*?)</p>', html, re.S)
    solved = {ref for title in solutions for ref in re.findall(r'href="#([^"]+)"', title)}
    assert exercises <= solved, f"exercises without a solution: {sorted(exercises - solved)}"
    assert solved <= exercises, f"solutions of exercises not on this page: {sorted(solved - exercises)}"


@pytest.mark.parametrize("docname", PAGES)
def test_every_figure_is_an_svg_image_that_exists(book_html: Path, docname: str):
    html = body(page(book_html, docname))
    images = re.findall(r"<img\b[^>]*>", html)
    for tag in images:
        (src,) = re.findall(r'\bsrc="([^"]+)"', tag)
        assert not re.match(r"(https?:)?//", src), f"an image hot-linked from another site: {src}"
        assert src.endswith(".svg"), f"a figure that is not a vector image: {src}"
        assert (book_html / docname).parent.joinpath(unescape(src)).resolve().is_file(), f"missing: {src}"
        assert 'loading="lazy"' in tag, "figures load lazily: the text first (bookbuild.theme)"
        assert re.search(r'\balt="[^"]+"', tag), f"an image without alt text: {src}"
        # a screen reader reads "θ₂" and "√κ", not "theta_2" and "sqrtkappa" (bookbuild.theme.caption_text)
        (alt,) = re.findall(r'\balt="([^"]*)"', tag)
        assert not re.search(r"[\\{}_^]|sqrt|frac|alpha|beta|theta|kappa|lambda|nabla", unescape(alt)), alt


@pytest.mark.parametrize("docname", PAGES)
def test_links_keep_their_query_strings(book_html: Path, docname: str):
    """A Markdown link's ``&`` is written once (bookbuild.plumbing), so demo settings survive."""
    html = page(book_html, docname)
    assert not re.search(r'href="[^"]*&amp;amp;', html)
