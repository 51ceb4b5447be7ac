"""Fixes to the stock Jupyter Book theme, found by testing the pages in a browser.

* Inline scripts that extensions add after the builder starts (the thebe and
  togglebutton settings) appear twice on every page in Sphinx 7.4, and the
  second ``const THEBE_JS_URL`` is a console error: duplicates are dropped.
* Thebe (live code through Binder) is not loaded unless the book turns it on
  (``launch_buttons.thebe``); it is dead weight otherwise.
* Scripts load with ``defer`` so they do not block the first paint; only
  ``documentation_options.js`` stays blocking (an inline script uses it), and
  the search page, whose search tools need the others at once, is left as is.
* Bibliography entries get the ARIA role ``listitem``: docutils writes the
  deprecated ``doc-biblioentry`` inside a ``role="list"`` (axe: critical).
* The colour mode defaults to light (the stock empty mode is a console error),
  and the search placeholder is Korean.
* No top navigation bar: the PyData theme adds one holding only a second
  search button (the sidebar has the first), an empty strip above every page.
* ``book-theme.css``: contrast and small layout fixes (see the file).

Templates in ``_templates/`` do the rest (accessible names of the header
buttons, landmarks, no search index on pages that do not search).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
STOCK_SEARCH_TEXT = "Search this book..."  # Jupyter Book's default
BLOCKING = {"_static/documentation_options.js"}  # inline scripts read DOCUMENTATION_OPTIONS at once


def _defaults(app: Sphinx, config: Config) -> None:
    config.html_context.setdefault("default_mode", "light")
    if config.html_theme_options.get("search_bar_text", STOCK_SEARCH_TEXT) == STOCK_SEARCH_TEXT:
        config.html_theme_options["search_bar_text"] = "이 책에서 검색..."
    config.html_theme_options.setdefault("navbar_persistent", [])
    config.html_static_path.append(str(STATIC))


def _uses_thebe(app: Sphinx) -> bool:
    return bool(app.config.html_theme_options.get("launch_buttons", {}).get("thebe"))


def _is_thebe(asset) -> bool:
    name = asset.filename or ""
    return "thebe" in Path(name).name or "THEBE_JS_URL" in asset.attributes.get("body", "")


def _key(asset) -> tuple:
    return (asset.filename or "", tuple(sorted(asset.attributes.items())))


def _tidy_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    thebe, defer = _uses_thebe(app), pagename != "search"
    for kind in ("script_files", "css_files"):
        if kind not in context:
            continue
        seen, kept = set(), []
        for asset in context[kind]:
            if _key(asset) in seen or (not thebe and _is_thebe(asset)):
                continue
            seen.add(_key(asset))
            if defer and kind == "script_files" and asset.filename and asset.filename not in BLOCKING \
                    and not {"async", "defer"} & set(asset.attributes):
                asset = type(asset)(asset.filename, priority=asset.priority, **asset.attributes, defer="defer")
            kept.append(asset)
        context[kind] = kept
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def _drop_thebe_config(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """sphinx-thebe writes its settings into every page, used or not."""
    if _uses_thebe(app):
        return
    for node in list(doctree.findall(nodes.raw)):
        if "text/x-thebe-config" in node.astext():
            node.parent.remove(node)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _defaults)
    app.add_css_file("book-theme.css")
    app.connect("html-page-context", _tidy_assets, priority=900)
    app.connect("doctree-resolved", _drop_thebe_config, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
