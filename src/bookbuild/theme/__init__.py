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
* The colour mode follows the reader's system unless the reader picks light or
  dark (the stock empty mode is a console error); the handout is light
  (:func:`_colour_mode`, ``templates/layout.html``, ``book-theme.css``). The
  search placeholder is Korean.
* No top navigation bar: the PyData theme adds one holding only a second
  search button (the sidebar has the first), an empty strip above every page.
* The Font Awesome web fonts (270 KB, fetched at top priority on every page)
  are cut down to the icons the book shows: those named by ``fa-*`` classes in
  the pages and scripts, and those the theme's stylesheets draw themselves.
* Math is typeset when the book is built (``bookbuild.typeset``): no math
  script is loaded.
* A figure's image without alt text gets its caption as alt text, formulas
  as plain text (the stock alt text is the image's file name, read aloud by
  screen readers).
* Figures (SVG images) get ``width``/``height`` attributes from their files,
  so the page keeps their place while they load (no layout shift), and load
  lazily, as the reader nears them (not in the single-page build printed).
* A page is first painted once its first screen is parsed (a ``<link
  rel="expect" blocking="render">`` to the element :func:`first_screen_end`
  finds): painted half parsed, a busy phone showed half of the header's
  buttons, or half a formula, and moved them when the rest came.
* The module index's 11-pixel expand/collapse images are served at four times
  their resolution (blurry on phones otherwise).
* ``search-text.js`` (search page only): result snippets come from the
  chapter's text, not from the theme's buttons that share its ``role="main"``.
* ``book-theme.css``: contrast and small layout fixes (see the file).
* One stylesheet for the site, purged of rules no page can use, and the
  assets of other extensions only on pages that use them (``bundle.py``,
  ``NEEDED_FOR``).

Templates in ``templates/`` do the rest (accessible names of the header
buttons, landmarks, no search index on pages that do not search); this
extension puts them first on ``templates_path``. It also gives the book its
favicon (``favicon.svg``, unless ``html.favicon`` names another) and the Korean
words of the page frame (``locales/``), see :func:`_frame_words`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
LOCALES = HERE / "locales"
STOCK_SEARCH_TEXT = "Search this book..."  # Jupyter Book's default
BLOCKING = {"_static/documentation_options.js"}  # inline scripts read DOCUMENTATION_OPTIONS at once


def _defaults(app: Sphinx, config: Config) -> None:
    if config.html_theme_options.get("search_bar_text", STOCK_SEARCH_TEXT) == STOCK_SEARCH_TEXT:
        config.html_theme_options["search_bar_text"] = "이 책에서 검색..."
    config.html_theme_options.setdefault("navbar_persistent", [])
    # The page's contents show their second level from the start: the theme
    # opened it under the section in view once the page had loaded, which
    # pushed the entries below it down (Lighthouse, desktop: a layout shift of
    # 0.006 on api, whose first section lists three functions).
    config.html_theme_options.setdefault("show_toc_level", 2)
    config.html_static_path.append(str(STATIC))
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    if not config.html_favicon:
        config.html_favicon = str(HERE / "favicon.svg")


def _colour_mode(app: Sphinx) -> None:
    """Light, dark or the system's choice (the header's button cycles them), the
    system's by default; the single page printed as the handout is always light."""
    mode = "light" if app.builder.name == "singlehtml" else "auto"
    app.config.html_context.setdefault("default_mode", mode)


def _frame_words(app: Sphinx) -> None:
    """Put ``locales/<language>/LC_MESSAGES/sphinx.po`` first among Sphinx's translations.

    ``locale_dirs`` cannot name it: Sphinx reads that setting before it loads
    any extension, and it is relative to the book's folder, where this package
    is not. So the catalogue is compiled in memory (Babel, which Sphinx uses
    for the same job) and placed in front of the catalogue Sphinx made, which
    stays the fallback for every other word.
    """
    import gettext
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from sphinx import locale

    po = LOCALES / (app.config.language or "en") / "LC_MESSAGES" / "sphinx.po"
    if not po.is_file():
        return
    with po.open("rb") as source:
        catalog = read_po(source)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    words = gettext.GNUTranslations(mo)
    words.add_fallback(app.translator)
    locale.translators[("sphinx", "sphinx")] = app.translator = words


def _uses_thebe(app: Sphinx) -> bool:
    return bool(app.config.html_theme_options.get("launch_buttons", {}).get("thebe"))


def _is_thebe(asset) -> bool:
    name = asset.filename or ""
    return "thebe" in Path(name).name or "THEBE_JS_URL" in asset.attributes.get("body", "")


IMG_SVG = re.compile(r'<img (?![^>]*\swidth=)([^>]*?)src="([^"]+\.svg)"')
SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)(pt|px)?"[^>]*?\sheight="([\d.]+)(pt|px)?"')


def _svg_pixels(path: Path) -> tuple[int, int] | None:
    found = SVG_SIZE.search(path.read_text(encoding="utf-8", errors="ignore")[:3000])
    if not found:
        return None
    width, wunit, height, hunit = found.groups()
    return tuple(round(float(v) * (4 / 3 if unit == "pt" else 1)) for v, unit in ((width, wunit), (height, hunit)))


def _size_figures(app: Sphinx, pagename: str, body: str) -> str:
    sources = {f"_images/{name}": Path(app.srcdir, source) for source, name in app.builder.images.items()}

    def sized(match: re.Match) -> str:
        attributes, src = match.groups()
        source = sources.get(posixpath.normpath(posixpath.join(posixpath.dirname(pagename), src)))
        size = _svg_pixels(source) if source and source.is_file() else None
        if size is None:
            return match.group(0)
        return f'<img width="{size[0]}" height="{size[1]}" {attributes}src="{src}"'

    return IMG_SVG.sub(sized, body)


# Assets of other extensions that a page loads only when its body uses them:
# file name -> what in the body needs it (sphinx-design's cards and tabs,
# the copy button of code blocks, sphinx-togglebutton's folded solutions,
# sphinx-exercise's boxes). Most pages need none of them.
NEEDED_FOR = {
    "sphinx-design.min.css": r'class="[^"]*\bsd-',
    "design-tabs.js": r'class="[^"]*\bsd-tab',
    "copybutton.js": r'<div class="highlight',
    "clipboard.min.js": r'<div class="highlight',
    "copybutton.css": r'<div class="highlight',
    "togglebutton.js": r'class="[^"]*\b(toggle|dropdown)\b',
    "togglebutton.css": r'class="[^"]*\b(toggle|dropdown)\b',
    "exercise.css": r'class="[^"]*\b(exercise|solution)\b',
}


def _unneeded(asset, body: str) -> bool:
    pattern = NEEDED_FOR.get(Path(asset.filename or "").name)
    return pattern is not None and not re.search(pattern, body)


def _key(asset) -> tuple:
    return (asset.filename or "", tuple(sorted(asset.attributes.items())))


#: Characters of text that more than fill a phone's first screen (about 20 lines of 22).
FIRST_SCREEN = 1000
ID_TAG = re.compile(r'<[^>]*\sid="([^"]+)"[^>]*>')
TAG_OR_SPACE = re.compile(r"<[^>]*>|\s+")


def first_screen_end(body: str) -> str | None:
    """The id of the first element of ``body`` that starts after a phone's first screen of text.

    The page's first paint waits for it (``<link rel="expect">``, ``templates/layout.html``):
    a phone that painted the page while it was still parsing showed half of the
    header's buttons, or half of a formula, and moved them when the rest came."""
    text, last = 0, 0
    for tag in ID_TAG.finditer(body):
        text += len(TAG_OR_SPACE.sub("", body[last : tag.start()]))
        if text >= FIRST_SCREEN:
            return tag.group(1)
        last = tag.end()
    return None


def _tidy_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    thebe, defer = _uses_thebe(app), pagename != "search"
    # the search page shows snippets of every page: it keeps every asset
    body = context.get("body") if pagename != "search" and app.builder.name == "html" else None
    for kind in ("script_files", "css_files"):
        if kind not in context:
            continue
        seen, kept = set(), []
        for asset in context[kind]:
            if _key(asset) in seen or (not thebe and _is_thebe(asset)) or (body is not None and _unneeded(asset, body)):
                continue
            seen.add(_key(asset))
            if defer and kind == "script_files" and asset.filename and asset.filename not in BLOCKING \
                    and not {"async", "defer"} & set(asset.attributes):
                asset = type(asset)(asset.filename, priority=asset.priority, **asset.attributes, defer="defer")
            kept.append(asset)
        if kind == "script_files" and pagename == "search":  # after searchtools.js, before the search runs
            kept.append(type(kept[0])("_static/search-text.js", priority=900, defer="defer"))
        context[kind] = kept
    if "body" in context:
        body = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
        # myst-nb names a folded cell's toggle in English while it shows Korean
        # text (axe: label-content-name-mismatch); the visible text names it.
        body = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")
        if app.builder.name == "html":
            # figures load as the reader nears them: a phone on a slow line
            # gets the text first, not a chapter's 300 KB of figures with it
            body = body.replace("<img ", '<img loading="lazy" ')
            context["first_screen_end"] = first_screen_end(body)  # the single printed page has no use for it
        context["body"] = _size_figures(app, pagename, body)


def caption_text(caption: nodes.caption) -> str:
    """A caption as a screen reader should read it: its formulas as plain text (θ₂, √κ, 10⁻⁶), not TeX."""
    from bookbuild.typeset import TypesetError, tex_text

    def text(node: nodes.Node) -> str:
        if isinstance(node, nodes.math):
            try:
                return tex_text(node.astext())
            except TypesetError:  # the formula's own place reports it
                return node.astext()
        return node.astext() if isinstance(node, nodes.Text) else "".join(map(text, node.children))

    return text(caption)


def _caption_as_alt_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for figure in doctree.findall(nodes.figure):
        caption = next(iter(figure.findall(nodes.caption)), None)
        for image in figure.findall(nodes.image):
            if caption is not None and not image.get("alt"):
                image["alt"] = caption_text(caption)


def _drop_thebe_config(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """sphinx-thebe writes its settings into every page, used or not."""
    if _uses_thebe(app):
        return
    for node in list(doctree.findall(nodes.raw)):
        if "text/x-thebe-config" in node.astext():
            node.parent.remove(node)


FA_CLASS_RULE = re.compile(r"\.fa-[a-z0-9-]+:(before|after)")
# An icon in CSS: a private-use character, written raw or as an escape ("\f09b").
ICON = re.compile(r'"(?:\\([ef][0-9a-f]{3})|([\ue000-\uf8ff]))"')


def _icons(declarations: str) -> list[int]:
    return [int(escape, 16) if escape else ord(raw) for escape, raw in ICON.findall(declarations)]


def icon_codepoints(outdir: Path) -> set[int]:
    """Code points of the Font Awesome icons the built site can show."""
    names: dict[str, int] = {}
    drawn: set[int] = set()
    for css in (outdir / "_static").rglob("*.css"):
        for rule in css.read_text(encoding="utf-8", errors="ignore").split("}"):
            selectors, _, declarations = rule.rpartition("{")
            selectors = [s.strip() for s in selectors.split(",") if s.strip()]
            icons = _icons(declarations)
            if selectors and icons and all(FA_CLASS_RULE.fullmatch(s) for s in selectors):
                for selector in selectors:  # ".fa-github:before" -> name "github"
                    names[selector[4 : selector.index(":")]] = icons[0]
            else:  # icons a stylesheet draws itself (admonitions, links, ...)
                drawn.update(icons)
    used = set()
    for path in outdir.rglob("*"):
        if path.suffix in {".html", ".js"}:
            used.update(re.findall(r"\bfa-([a-z0-9-]+)", path.read_text(encoding="utf-8", errors="ignore")))
    return drawn | {names[name] for name in used if name in names}


FONT_AWESOME = Path("vendor", "fontawesome", "webfonts")


# Drawn by the header of every page (search, mode, full screen, PDF; GitHub).
HEADER_ICON_FONTS = ("fa-solid-900.woff2", "fa-brands-400.woff2")


def _preload_icon_fonts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Fetch the header's icon fonts with the stylesheet: arriving after the
    first paint, they widened the header's buttons (Lighthouse, phone: a
    layout shift of 0.002 on every page)."""
    if app.builder.name != "html" or "pathto" not in context:
        return
    from bookbuild.fonts import preload_font

    for name in HEADER_ICON_FONTS:
        preload_font(context, (Path("_static") / FONT_AWESOME / name).as_posix())


def _subset_icon_fonts(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    from bookbuild.fonts import write_subset  # the book's font subsetter

    outdir = Path(app.outdir)
    text = "".join(sorted(map(chr, icon_codepoints(outdir))))
    for font in (outdir / "_static" / FONT_AWESOME).glob("*.woff2"):
        # From the theme's own full font, never from an earlier build's subset.
        sources = [Path(d) / "static" / FONT_AWESOME / font.name for d in app.builder.theme.get_theme_dirs()]
        write_subset(next(source for source in sources if source.is_file()), text, font)


def _sharpen_index_togglers(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    from PIL import Image

    for name in ("minus.png", "plus.png"):
        sources = [Path(d) / "static" / name for d in app.builder.theme.get_theme_dirs()]
        source = next((path for path in sources if path.is_file()), None)
        if source is not None:
            with Image.open(source) as image:
                image.resize((image.width * 4, image.height * 4), Image.NEAREST).save(Path(app.outdir, "_static", name))


def _bundle_stylesheets(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.name != "html":
        return
    from .bundle import bundle_site

    bundle_site(Path(app.outdir), Path(app.doctreedir) / "stylesheet-order.json")


def setup(app: Sphinx) -> dict:
    _frame_words(app)
    app.connect("config-inited", _defaults)
    app.connect("builder-inited", _colour_mode)
    app.add_css_file("book-theme.css")
    app.connect("html-page-context", _tidy_assets, priority=900)
    app.connect("doctree-resolved", _drop_thebe_config, priority=900)
    app.connect("doctree-resolved", _caption_as_alt_text)
    app.connect("html-page-context", _preload_icon_fonts)
    app.connect("build-finished", _subset_icon_fonts)
    app.connect("build-finished", _sharpen_index_togglers)
    app.connect("build-finished", _bundle_stylesheets, priority=990)  # after every stylesheet is written
    return {"parallel_read_safe": True, "parallel_write_safe": True}
