"""How the book presents itself to search engines, link previews and lost readers.

Everything is derived from one setting, ``html_baseurl`` (``html.baseurl`` in
``_config.yml``), the address the book is published at:

* Open Graph tags and a ``<meta name="description">`` come from
  ``sphinxext-opengraph``; their description is rewritten here from the page
  as drawn (:func:`opening_text`), and pages without a document (index,
  search, module sources, 404) get one here;
* ``sitemap.xml`` lists every page of the book;
* the 404 page (``sphinx-notfound-page``) links its assets under the
  base URL's path, so it works at any depth of a GitHub Pages project site;
* the site root ``index.html`` becomes a real page that redirects to the
  first chapter (a bare ``<meta refresh>`` has no language, title or icon).

Nothing is fetched: these are files written into the output.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config

NOT_FOUND_TITLE = "페이지를 찾을 수 없습니다"
NOT_FOUND_BODY = (
    "<h1>페이지를 찾을 수 없습니다</h1>\n"
    "<p>주소가 바뀌었거나 잘못 입력된 것 같습니다. "
    '<a href="{home}">책의 첫 페이지</a>에서 목차를 보거나 검색해 보세요.</p>'
)


def base_url(config: Config) -> str:
    """The published address of the book, ending in ``/`` ("" when not set)."""
    url = (config.html_baseurl or "").strip()
    return url if not url or url.endswith("/") else url + "/"


def _derive_from_base_url(app: Sphinx, config: Config) -> None:
    if config.project == config.values["project"].default and config.html_title:
        config.project = config.html_title  # Jupyter Book sets only the title; link previews name the project
    url = base_url(config)
    if not url:
        return
    config.html_baseurl = url
    config.ogp_site_url = config.ogp_site_url or url
    prefix = urlsplit(url).path or "/"
    config.notfound_urls_prefix = prefix
    home = prefix + config.root_doc + ".html"
    config.notfound_context = {"title": NOT_FOUND_TITLE, "body": NOT_FOUND_BODY.format(home=home)}


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text or "")).strip()


DESCRIPTION = re.compile(r'(<meta (?:name="description"|property="og:description") content=")[^"]*(")')


def opening_text(body: str, limit: int) -> str:
    """The page's opening paragraphs (those of its sections, not of boxes, lists or
    figures) as the reader reads them, cut after ``limit`` characters at a space.

    sphinxext-opengraph puts a space between any two pieces of text, so a
    particle the build glued to a link or a number came apart ("실전 데이터 는",
    "식 (1.2) 에서"), and formulas read as TeX ("\\alpha 는"); the page's own
    text has neither. A displayed formula is read in line where a sentence
    runs through it ("같은 갱신(update) θ ← θ − α∇J(θ)를 되풀이하면"), and left
    out where it stands after a full stop."""
    from bs4 import BeautifulSoup

    from bookbuild.particles import TYPED
    from bookbuild.typeset import math_text

    soup = BeautifulSoup(body, "html.parser")
    text, through_formula = "", False
    for block in soup.find_all(["p", "div"]):
        if block.parent.name != "section":
            continue
        if block.name == "div" and "math" in block.get("class", []) and block.math is not None:
            if text and not text.endswith((".", "?", "!")):
                text, through_formula = f"{text} {math_text(block.math).strip()}", True
            continue
        if block.name != "p":
            continue
        for math in block.find_all("math"):
            math.replace_with(math_text(math))
        words = " ".join(block.get_text().split())
        glue = "" if through_formula and TYPED.match(words) else " "
        text, through_formula = (text + glue + words).strip(), False
        if len(text) > limit:
            return text[: text.rfind(" ", 0, limit)].rstrip(",.:;") + "…"
    return text


def _describe_every_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Every page's description: its opening text, or for pages without prose, the book and the page's title."""
    metatags = context.get("metatags", "")
    if 'name="description"' in metatags:
        text = opening_text(context.get("body", ""), app.config.ogp_description_length)
        if text:
            context["metatags"] = DESCRIPTION.sub(lambda m: m.group(1) + html.escape(text) + m.group(2), metatags)
        return
    title, book = _plain(context.get("title")), app.config.project
    text = f"{book}: {title}" if title and title != book else book
    context["metatags"] = context.get("metatags", "") + f'<meta name="description" content="{html.escape(text)}" />\n'


def _notfound_toctree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """sphinx-notfound-page's toctree is None in a book without one; the theme's sidebar wants text."""
    if pagename == app.config.notfound_pagename and callable(context.get("toctree")):
        toctree = context["toctree"]
        context["toctree"] = lambda **kwargs: toctree(**kwargs) or ""


def _is_web_build(app: Sphinx) -> bool:
    return app.builder.name in {"html", "dirhtml"}


def _write_sitemap(app: Sphinx, exc) -> None:
    url = base_url(app.config)
    if exc is not None or not url or not _is_web_build(app):
        return
    pages = [app.builder.get_target_uri(doc) for doc in sorted(app.env.found_docs)]
    entries = "".join(f"  <url><loc>{html.escape(url + page)}</loc></url>\n" for page in pages)
    (Path(app.outdir) / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n",
        encoding="utf-8",
    )


def _write_root_redirect(app: Sphinx, exc) -> None:
    """``index.html`` at the top, redirecting to the root document (before sphinx-external-toc's bare one)."""
    if exc is not None or not _is_web_build(app) or app.config.root_doc == "index":
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    title = html.escape(app.config.project)
    canonical = f'<link rel="canonical" href="{html.escape(base_url(app.config) + target)}" />\n' if base_url(app.config) else ""
    favicon = f'<link rel="icon" href="_static/{Path(app.config.html_favicon).name}" />\n' if app.config.html_favicon else ""
    (Path(app.outdir) / "index.html").write_text(
        "<!DOCTYPE html>\n"
        f'<html lang="{app.config.language}">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{title}</title>\n"
        f'<meta name="description" content="{title}: 첫 페이지로 이동합니다." />\n'
        f'<meta http-equiv="refresh" content="0; url={target}" />\n' + canonical + favicon +
        f'</head>\n<body>\n<p><a href="{target}">{title}</a> 첫 페이지로 이동합니다.</p>\n</body>\n</html>\n',
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _derive_from_base_url)
    app.connect("html-page-context", _notfound_toctree, priority=450)  # after notfound's 400, before the theme
    app.connect("html-page-context", _describe_every_page, priority=900)
    app.connect("build-finished", _write_sitemap)
    app.connect("build-finished", _write_root_redirect, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
