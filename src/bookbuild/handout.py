"""The printed handout: what the HTML needs so that printing it gives a good book.

``bookbuild.pdf`` prints the single-page build (``--builder singlehtml``)
with a browser. This extension prepares the HTML for that:

1. Every HTML page gets ``handout.css`` (print rules: A4, page numbers, what is
   hidden, where pages break) and ``handout.js`` (opens collapsed content
   before printing).
2. A link inside a ``demo`` admonition (``:class: demo``) works only on screen;
   each such link gets its URL and a QR code (SVG, made at build time and
   offline) that show only in print.
3. Every page's header bar links to the PDF at the site root.
4. The single page gets a cover and a table of contents (print only), and is
   written at the top of the output folder, where its asset URLs point (the
   root page lives in ``book/``, so Sphinx would write it to ``book/index.html``
   with every CSS/JS/image URL broken).
5. The single-page builder gets the HTML writer's handlers for every node type
   (sphinx-exercise registers handlers under the ``singlehtml`` name, after which
   Sphinx no longer falls back to the ``html`` handlers of other extensions).
"""

from __future__ import annotations

import html
import importlib.metadata
import os
import shutil
import time
from pathlib import Path

import segno
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.transforms.post_transforms import SphinxPostTransform

STATIC = Path(__file__).resolve().parent / "static"
ASSETS = ["handout.css", "handout.js"]
#: The PDF's file name, at the root of the published site (bookbuild.pdf writes it).
PDF_NAME = "gradient-descent.pdf"
DEMO_CLASS = "demo"


def qr_svg(url: str) -> str:
    """An inline SVG QR code of ``url`` with the standard four-module quiet zone."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(border=4, omitsize=True, light="#fff", svgclass="handout-qr", title=url)


class DemoLinksForPrint(SphinxPostTransform):
    """After each demo admonition, its external links as URL text and QR code (print only)."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for admonition in self.document.findall(nodes.admonition):
            if DEMO_CLASS not in admonition["classes"]:
                continue
            urls = dict.fromkeys(
                ref["refuri"]
                for ref in admonition.findall(nodes.reference)
                if ref.get("refuri", "").startswith(("http://", "https://"))
            )
            for url in urls:
                admonition += nodes.raw(
                    "",
                    f'<div class="handout-demo-link handout-print-only">{qr_svg(url)}'
                    f'<p class="handout-demo-url">{html.escape(url)}</p></div>',
                    format="html",
                )


def _html_handlers_for_singlehtml(app: Sphinx) -> None:
    if app.builder.name != "singlehtml":
        return
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for name, pair in handlers.get("html", {}).items():
        single.setdefault(name, pair)


def build_date() -> str:
    """The book's date in Korean: the last commit's (SOURCE_DATE_EPOCH, set by bookbuild.build)."""
    stamp = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
    return f"{stamp.tm_year}년 {stamp.tm_mon}월 {stamp.tm_mday}일"


def cover(app: Sphinx) -> str:
    config = app.config
    try:
        version = f"descent {importlib.metadata.version('descent')} · "
    except importlib.metadata.PackageNotFoundError:
        version = ""
    source = config.html_theme_options.get("repository_url", "")
    lines = [
        f'<p class="handout-cover-title">{html.escape(config.html_title)}</p>',
        f'<p class="handout-cover-subtitle">{html.escape(config.handout_subtitle)}</p>',
        f'<p class="handout-cover-date">{html.escape(version + build_date())}</p>',
        f'<p class="handout-cover-author">{html.escape(config.author)}</p>',
    ]
    if source:
        lines.append(f'<p class="handout-cover-source">{html.escape(source)}</p>')
    return '<div class="handout-cover handout-print-only">' + "".join(lines) + "</div>"


def table_of_contents(app: Sphinx, *, titled: bool = True) -> str:
    """The chapters (and part captions) as links to their places in the single page.

    ``titled=False`` leaves out its own title "차례", for a place under a
    heading of the page that already says it.

    Chapters only: section ids such as ``id2`` repeat across chapters in the
    single page, chapter anchors (``document-...``) do not.
    """
    builder = app.builder
    toc = global_toctree_for_doc(app.env, app.config.root_doc, builder, maxdepth=1, titles_only=True)
    if toc is None:
        return ""
    builder.fix_refuris(toc)
    for ref in list(toc.findall(nodes.reference)):
        # title, dotted leader, page number (filled in by bookbuild.pdf)
        title = nodes.inline("", "", *ref.children, classes=["handout-toc-text"])
        if number := ref.attributes.pop("secnumber", None):  # else the writer puts it outside the title
            title.insert(0, nodes.Text(".".join(map(str, number)) + app.config.html_secnumber_suffix))
        ref.children = []
        ref += [title, nodes.inline(classes=["handout-toc-leader"]), nodes.inline(classes=["handout-toc-page"])]
    title = '<p class="handout-toc-title">차례</p>' if titled else ""
    return (
        '<nav class="handout-toc handout-print-only" aria-label="차례">'
        f'{title}{builder.render_partial(toc)["fragment"]}</nav>'
    )


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name == "singlehtml":
        if pagename == app.config.root_doc:
            # The contents go where the root page lists its chapters, else first.
            body = context["body"]
            at = body.find('<div class="toctree-wrapper')
            # Where the root page lists its chapters, under its own heading ("## 차례").
            toc = table_of_contents(app, titled=at < 0)
            at = max(at, 0)
            context["body"] = cover(app) + body[:at] + toc + body[at:]
        return
    if "header_buttons" in context:
        context["header_buttons"].insert(
            0,
            {
                "type": "link",
                "url": context["pathto"](PDF_NAME, 1),
                "tooltip": "인쇄용 PDF",
                "icon": "fas fa-file-pdf",
                "label": "handout-pdf-button",
            },
        )


def _finish(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for name in ASSETS:
        shutil.copyfile(STATIC / name, outdir / "_static" / name)
    if app.builder.name == "singlehtml":
        # The page's URLs are written for the top folder: put it there.
        written = outdir / (app.config.root_doc + app.builder.out_suffix)
        page = written.read_text(encoding="utf-8")
        page = page.replace(f'href="{written.relative_to(outdir).as_posix()}#', 'href="#')
        # The theme loads the search index on every page; the single page has none.
        page = page.replace('<script src="searchindex.js"></script>', "")
        written.unlink()
        (outdir / "index.html").write_text(page, encoding="utf-8")
        if written.parent != outdir and not any(written.parent.iterdir()):
            written.parent.rmdir()


def setup(app: Sphinx) -> dict:
    app.add_config_value("handout_subtitle", "", "html", str)
    app.add_post_transform(DemoLinksForPrint)
    app.add_css_file("handout.css")
    app.add_js_file("handout.js")
    app.connect("builder-inited", _html_handlers_for_singlehtml)
    # After the theme has made its header buttons (priority 501).
    app.connect("html-page-context", _page_context, priority=600)
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
