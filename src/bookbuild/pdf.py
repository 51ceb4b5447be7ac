"""Print the book as an A4 PDF handout: the one place that says how.

    python -m bookbuild.pdf                 # _build/pdf/gradient-descent.pdf, copied into _build/html/
    python -m bookbuild.pdf --output DIR    # under DIR/_build, leaving _build alone
    python -m bookbuild.pdf --source DIR    # another book (default: the one in the current directory)

First the strict single-page build (``bookbuild.build.build(builder="singlehtml")``,
sharing the HTML build's notebook cache), then headless Chromium prints it
(``bookbuild.headless`` says which browser). Printing fails when a page asset is
missing or the page asks for anything off this machine, when an image or a
font does not load, or when a formula is left as raw TeX.

The table of contents gets page numbers by printing twice: the first PDF's
named destinations say on which page each chapter starts, the numbers are
written into the page, and the second print is the handout (checked to have
its chapters on the same pages).
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import time
from pathlib import Path

from bookbuild import book_root, headless
from bookbuild import build as build_book
from bookbuild.handout import PDF_NAME

PDF_OPTIONS = {"prefer_css_page_size": True, "print_background": True, "outline": True, "tagged": True}

# Each table-of-contents link gets its own anchor at the start of its chapter
# (the chapter's own anchor sits at the end of the previous page, and section
# ids such as "id1" repeat across chapters). Returns the anchors' ids.
ANCHOR_TOC_LINKS = """() => [...document.querySelectorAll('.handout-toc a[href^="#"]')].map((link, i) => {
  let target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (target && target.matches('span:empty') && target.nextElementSibling) target = target.nextElementSibling;
  if (!target) return null;
  const anchor = document.createElement('span');
  anchor.id = `handout-toc-${i}`;
  target.prepend(anchor);
  link.setAttribute('href', '#' + anchor.id);
  return anchor.id;
})"""

FILL_PAGE_NUMBERS = """(pages) => {
  for (const [id, page] of Object.entries(pages)) {
    document.querySelector(`.handout-toc a[href="#${id}"] .handout-toc-page`).textContent = page;
  }
}"""

PROBLEMS = """() => ({
  raw_math: [...document.querySelectorAll('.math')]
    .filter(el => !el.querySelector('mjx-container')).map(el => el.textContent.trim()),
  math_errors: [...document.querySelectorAll('mjx-merror')].map(el => el.textContent),
  broken_images: [...document.images].filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src),
  broken_fonts: [...document.fonts].filter(font => font.status === 'error').map(font => font.family),
})"""

# The PDF's document properties, from the cover.
COVER = """() => {
  const text = (selector) => document.querySelector(selector)?.textContent ?? '';
  return {Title: text('.handout-cover-title'), Subject: text('.handout-cover-subtitle'),
          Author: text('.handout-cover-author')};
}"""


class PrintError(RuntimeError):
    """The handout cannot be printed as it should be; the message says why."""


def chapter_pages(pdf: bytes, anchors: list[str]) -> dict[str, int]:
    """Page number (1-based, as printed in the footer) of each anchor."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    # Chromium names a destination after the element id, as a PDF name ("/id").
    destinations = {name.removeprefix("/"): dest for name, dest in reader.named_destinations.items()}
    missing = [a for a in anchors if a not in destinations]
    if missing:
        raise PrintError(f"the PDF has no destination for the table of contents entries {missing}")
    return {a: reader.get_destination_page_number(destinations[a]) + 1 for a in anchors}


def with_metadata(pdf: bytes, info: dict[str, str]) -> bytes:
    """The PDF with the cover's title, subtitle and author, dated by the book (SOURCE_DATE_EPOCH), not the print."""
    from pypdf import PdfWriter

    stamp = time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(int(build_book.build_env()["SOURCE_DATE_EPOCH"])))
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_metadata({**{f"/{key}": value for key, value in info.items() if value}, "/CreationDate": stamp, "/ModDate": stamp})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def print_site(site: Path, target: Path) -> Path:
    """Print ``site/index.html`` (a single-page build) to ``target``."""
    with headless.serve(site) as base, headless.launch() as browser:
        page = browser.new_page()
        failed: list[str] = []
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}"))
        page.emulate_media(media="print")
        page.goto(f"{base}/index.html", wait_until="networkidle")
        page.evaluate("() => window.MathJax?.startup?.promise")  # a missing MathJax shows as raw math below
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.evaluate("() => document.fonts.ready")
        problems = {name: items for name, items in page.evaluate(PROBLEMS).items() if items}
        if failed:
            problems["failed_requests"] = failed
        if problems:
            raise PrintError(f"{site / 'index.html'} does not print as it should: {problems}")

        anchors = page.evaluate(ANCHOR_TOC_LINKS)
        if None in anchors:
            raise PrintError("a table of contents entry points nowhere")
        info = page.evaluate(COVER)
        # The first print only says where the chapters start: untagged, it takes about half the
        # time (no structure tree); a page that moved between the prints fails the check below.
        pages = chapter_pages(page.pdf(**PDF_OPTIONS | {"tagged": False}), anchors)
        page.evaluate(FILL_PAGE_NUMBERS, pages)
        pdf = page.pdf(**PDF_OPTIONS)
        if chapter_pages(pdf, anchors) != pages:
            raise PrintError("writing the page numbers into the table of contents moved the chapters")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(with_metadata(pdf, info))
    return target


def build_pdf(source: Path | None = None, output: Path | None = None, *, capture: bool = False) -> Path:
    """Build the single page strictly and print it; returns the PDF's path."""
    source = book_root() if source is None else Path(source)
    out_root = Path(output) if output is not None else Path(source)
    result = build_book.build(source, output, builder="singlehtml", capture=capture)
    if result.returncode != 0:
        log = f"\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}" if capture else ""
        raise PrintError(f"the single-page build failed{log}")
    return print_site(out_root / "_build" / "singlehtml", out_root / "_build" / "pdf" / PDF_NAME)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=None, help="the book's folder (default: found from here)")
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        pdf = build_pdf(args.source, args.output)
    except (PrintError, headless.BrowserUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"PDF handout: {pdf}")
    site = pdf.parent.parent / "html"
    if site.is_dir():  # the site links to the PDF at its root
        shutil.copyfile(pdf, site / PDF_NAME)
        print(f"copied into the HTML site: {site / PDF_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
