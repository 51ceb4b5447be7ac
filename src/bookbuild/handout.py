"""The printed handout: what the HTML needs so that printing it gives a good book.

``bookbuild.pdf`` prints the single-page build (``--builder singlehtml``)
with a browser. This extension prepares the HTML for that:

1. Every HTML page gets ``handout.css`` (print rules: A4, page numbers, what is
   hidden, where pages break) and ``handout.js`` (opens collapsed content
   before printing).
2. A link inside a ``demo`` admonition (``:class: demo``) works only on screen;
   each such link gets its URL and a QR code (SVG, made at build time and
   offline) that show only in print.
3. Every page's header bar offers the PDFs: the page's chapter, with and
   without its solutions, and the whole book (``pdf_name`` says where each is).
4. The single page gets a cover and a table of contents (print only), then the
   root page's own text (its front matter in one place, its screen-only
   sections left out), then the chapters; it is written at the top of the
   output folder, where its asset URLs point (the root page lives in ``book/``,
   so Sphinx would write it to ``book/index.html`` with every CSS/JS/image URL
   broken). Beside it, ``handout.json`` lists what ``bookbuild.pdf`` prints:
   the chapters of ``_toc.yml`` (their numbers, titles, whether they have
   solutions) and those left out of the class handout (``handout_leave_out``,
   such as the API appendix, printed only as a PDF of its own).
5. The single-page builder gets the HTML writer's handlers for every node type
   (sphinx-exercise registers handlers under the ``singlehtml`` name, after which
   Sphinx no longer falls back to the ``html`` handlers of other extensions).
"""

from __future__ import annotations

import html
import importlib.metadata
import json
import os
import shutil
import time
from pathlib import Path

import segno
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_exercise.nodes import solution_node, solution_start_node

STATIC = Path(__file__).resolve().parent / "static"
ASSETS = ["handout.css", "handout.js"]
#: The PDF's file name, at the root of the published site (bookbuild.pdf writes it).
PDF_NAME = "gradient-descent.pdf"
#: Where the PDFs without solutions (exercise sheets) add to their name.
NO_SOLUTIONS = "-no-solutions"
#: What the single-page build tells bookbuild.pdf to print (next to its index.html).
MANIFEST = "handout.json"
DEMO_CLASS = "demo"


def pdf_name(chapter: str | None = None, *, solutions: bool = True) -> str:
    """Where a PDF sits, relative to the site root (and to ``_build/pdf/``).

    The whole book at the root (``gradient-descent.pdf``, as the front page
    says); a chapter in ``pdf/`` under the name of its file. Without
    solutions, ``-no-solutions`` is added before ``.pdf``.
    """
    stem = PDF_NAME.removesuffix(".pdf") if chapter is None else f"pdf/{chapter.rsplit('/', 1)[-1]}"
    return f"{stem}{'' if solutions else NO_SOLUTIONS}.pdf"


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


def chapters(app: Sphinx) -> list[str]:
    """The chapters: what the root page includes, in the order of ``_toc.yml``."""
    return list(app.env.toctree_includes.get(app.config.root_doc, []))


def _under(app: Sphinx, docname: str) -> list[str]:
    """The page and every page below it in the table of contents."""
    found = [docname]
    for child in app.env.toctree_includes.get(docname, []):
        found += _under(app, child)
    return found


def chapter_of(app: Sphinx, docname: str) -> str | None:
    return next((chapter for chapter in chapters(app) if docname in _under(app, chapter)), None)


def chapter_number(app: Sphinx, docname: str) -> str:
    """The chapter's number ("3"), or "" in a part that is not numbered."""
    toc = app.env.tocs.get(docname)
    reference = toc.next_node(nodes.reference) if toc is not None else None
    number = reference.get("secnumber") if reference is not None else None
    return ".".join(map(str, number)) if number else ""


def left_out(app: Sphinx) -> list[str]:
    """The chapters the class handout leaves out, printed only as PDFs of their own.

    ``handout_leave_out`` in ``_config.yml`` names them; by default they are
    the chapters of the parts of ``_toc.yml`` that are not numbered (the
    appendix), when some part is numbered.
    """
    if app.config.handout_leave_out is not None:
        return list(app.config.handout_leave_out)
    numbered = {doc for doc in chapters(app) if chapter_number(app, doc)}
    return [doc for doc in chapters(app) if doc not in numbered] if numbered else []


def has_solutions(app: Sphinx, chapter: str) -> bool:
    return any(doc in getattr(app.env, "handout_solutions", set()) for doc in _under(app, chapter))


def _note_solutions(app: Sphinx, doctree: nodes.document) -> None:
    if not hasattr(app.env, "handout_solutions"):
        app.env.handout_solutions = set()
    if any(True for _ in doctree.findall(lambda n: isinstance(n, (solution_node, solution_start_node)))):
        app.env.handout_solutions.add(app.env.docname)


def _purge_solutions(app: Sphinx, env, docname: str) -> None:
    getattr(env, "handout_solutions", set()).discard(docname)


def _merge_solutions(app: Sphinx, env, docnames, other) -> None:
    env.handout_solutions = getattr(env, "handout_solutions", set()) | (getattr(other, "handout_solutions", set()) & set(docnames))


def _blank(node: nodes.Node) -> bool:
    """Prints nothing: no text and no image."""
    return not node.astext().strip() and not any(True for _ in node.findall(nodes.image))


def _front_matter_first(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the single page: the root page's text in one piece, then the chapters.

    Sphinx inlines the chapters where the root page lists them, so the root
    page's sections after its list ("직접 만들어 보기") would print after the
    last chapter. The list's own section goes (the handout's contents replace
    it), and so does a section with nothing but screen-only content.
    """
    if app.builder.name != "singlehtml" or docname != app.config.root_doc:
        return
    root = doctree.next_node(nodes.section)
    if root is None:
        return
    wrappers = [
        node for node in root.findall(nodes.compound)
        if "toctree-wrapper" in node["classes"] and node.parent is not None
        and (node.parent is root or node.parent.parent is root)
    ]
    for wrapper in wrappers:
        holder = wrapper.parent
        holder.remove(wrapper)
        if holder is not root and holder.parent is not None and all(map(_blank, holder.children[1:])):
            holder.parent.remove(holder)
    for section in [child for child in root.children if isinstance(child, nodes.section)]:
        body = [child for child in section.children if not isinstance(child, (nodes.title, nodes.target))]
        if body and all(isinstance(child, nodes.raw) and "handout-screen-only" in child.astext() for child in body):
            root.remove(section)
    at = root.parent.index(root) + 1
    for offset, wrapper in enumerate(wrappers):
        root.parent.insert(at + offset, wrapper)


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
    leave_out = {f"#document-{doc}" for doc in left_out(app)}
    for item in list(toc.findall(nodes.list_item)):
        if any(ref.get("refuri") in leave_out for ref in item.findall(nodes.reference)):
            item.parent.remove(item)
    for caption_list in list(toc.findall(nodes.bullet_list)):  # a part left empty loses its caption
        if not caption_list.children:
            before = caption_list.parent.index(caption_list) - 1
            if before >= 0 and isinstance(caption_list.parent[before], (nodes.caption, nodes.title)):
                caption_list.parent.remove(caption_list.parent[before])
            caption_list.parent.remove(caption_list)
    for ref in list(toc.findall(nodes.reference)):
        # title, dotted leader, page number (filled in by bookbuild.pdf)
        title = nodes.inline("", "", *ref.children, classes=["handout-toc-text"])
        if number := ref.attributes.pop("secnumber", None):  # else the writer puts it outside the title
            title.insert(0, nodes.Text(".".join(map(str, number)) + app.config.html_secnumber_suffix))
        ref.children = []
        ref += [title, nodes.inline(classes=["handout-toc-leader"]), nodes.inline(classes=["handout-toc-page"])]
    title = '<p class="handout-toc-title">차례</p>' if titled else ""
    return (
        '<nav class="handout-toc handout-book-toc handout-print-only" aria-label="차례">'
        f'{title}{builder.render_partial(toc)["fragment"]}</nav>'
    )


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name == "singlehtml":
        if pagename == app.config.root_doc:
            # Cover, contents (a page of their own), then the root page's text and the chapters.
            context["body"] = cover(app) + table_of_contents(app) + context["body"]
        return
    if "header_buttons" in context:
        context["header_buttons"].insert(0, pdf_buttons(app, pagename, context["pathto"]))


def pdf_buttons(app: Sphinx, pagename: str, pathto) -> dict:
    """The header's PDF menu: the page's chapter (with and without solutions), then the whole book."""
    links = []
    chapter = chapter_of(app, pagename)
    if chapter is not None:
        links.append(("이 장 PDF", pdf_name(chapter)))
        if has_solutions(app, chapter):
            links.append(("이 장 PDF, 해답 없이", pdf_name(chapter, solutions=False)))
    if chapter not in left_out(app):
        links.append(("책 전체 PDF", PDF_NAME))
        links.append(("책 전체 PDF, 해답 없이", pdf_name(solutions=False)))
    return {
        "type": "group",
        "tooltip": "인쇄용 PDF",
        "icon": "fas fa-file-pdf",
        "label": "handout-pdf-button",
        "buttons": [
            {"type": "link", "url": pathto(name, 1), "text": text, "icon": "fas fa-file-pdf", "label": "handout-pdf-link"}
            for text, name in links
        ],
    }


def manifest(app: Sphinx) -> dict:
    """What bookbuild.pdf prints from the single page: the class handout and each chapter."""
    env = app.env
    found = []
    for docname in chapters(app):
        found.append({
            "docname": docname,
            "number": chapter_number(app, docname),
            "title": env.titles[docname].astext() if docname in env.titles else docname,
            "solutions": has_solutions(app, docname),
            "pdf": pdf_name(docname),
            "pdf_no_solutions": pdf_name(docname, solutions=False),
        })
    unknown = set(left_out(app)) - {chapter["docname"] for chapter in found}
    if unknown:
        raise ValueError(f"handout_leave_out names {sorted(unknown)}, which are not chapters of _toc.yml")
    return {
        "title": app.config.html_title,
        "baseurl": app.config.html_baseurl,
        "root": app.config.root_doc,
        "leave_out": left_out(app),
        "pdf": PDF_NAME,
        "pdf_no_solutions": pdf_name(solutions=False),
        "chapters": found,
    }


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
        (outdir / MANIFEST).write_text(json.dumps(manifest(app), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if written.parent != outdir and not any(written.parent.iterdir()):
            written.parent.rmdir()


def setup(app: Sphinx) -> dict:
    app.add_config_value("handout_subtitle", "", "html", str)
    # Chapters printed only as a PDF of their own, not in the class handout; by default
    # those of the unnumbered parts of _toc.yml (the appendix), see left_out().
    app.add_config_value("handout_leave_out", None, "html", (list, type(None)))
    app.add_post_transform(DemoLinksForPrint)
    app.add_css_file("handout.css")
    app.add_js_file("handout.js")
    app.connect("builder-inited", _html_handlers_for_singlehtml)
    app.connect("doctree-read", _note_solutions)
    app.connect("env-purge-doc", _purge_solutions)
    app.connect("env-merge-info", _merge_solutions)
    app.connect("doctree-resolved", _front_matter_first)
    # After the theme has made its header buttons (priority 501).
    app.connect("html-page-context", _page_context, priority=600)
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
