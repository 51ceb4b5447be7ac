"""Print the book as A4 PDF handouts: the one place that says how.

    python -m bookbuild.pdf                 # _build/pdf/*.pdf, copied into _build/html/
    python -m bookbuild.pdf --output DIR    # under DIR/_build, leaving _build alone
    python -m bookbuild.pdf --source DIR    # another book (default: the one in the current directory)

What it writes (names from ``bookbuild.handout.pdf_name``), each also without
the solutions (``-no-solutions``: the exercise sheet a teacher hands out
before the class):

* ``gradient-descent.pdf``: the class handout, the whole book but the chapters
  of ``handout_leave_out`` (the API appendix);
* ``pdf/<chapter>.pdf``: each chapter of ``_toc.yml`` on its own, with a line
  naming the book, its own contents and page numbers (the appendix too: the
  reference PDF). A chapter without solutions has no second file.

First the strict single-page build (``bookbuild.build.build(builder="singlehtml")``,
sharing the HTML build's notebook cache), then headless Chromium prints it
(``bookbuild.headless`` says which browser), once per PDF from the same loaded
page (``pdf.js`` keeps what each PDF prints and links what it leaves out to
the site). Printing fails when a page asset is missing or the page asks for
anything off this machine, when an image or a font does not load, when a
formula is left as raw TeX, when a solution is left in a PDF without
solutions, or when a page comes out empty.

The table of contents gets page numbers by printing twice: the first PDF's
named destinations say on which page each chapter starts, the numbers are
written into the page, and the second print is the handout (checked to have
its chapters on the same pages).
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bookbuild import book_root, headless
from bookbuild import build as build_book
from bookbuild.handout import MANIFEST, PDF_NAME, pdf_name

PREPARE = (Path(__file__).resolve().parent / "pdf.js").read_text(encoding="utf-8")

PDF_OPTIONS = {"prefer_css_page_size": True, "print_background": True, "outline": True, "tagged": True}

# Each table-of-contents link gets its own anchor at the start of its chapter
# (the chapter's own anchor sits at the end of the previous page, and section
# ids such as "id1" repeat across chapters). Returns the anchors' ids.
ANCHOR_TOC_LINKS = """() => [...document.querySelectorAll('.handout-toc a[href^="#"]')].map((link, i) => {
  let target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (target && target.matches('span:empty') && target.nextElementSibling) target = target.nextElementSibling;
  // Inside the heading: an empty anchor before it can stay at the foot of the previous page.
  if (target && target.matches('section')) target = target.querySelector(':scope > h1, :scope > h2, :scope > h3') ?? target;
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
    .filter(el => !el.querySelector('math')).map(el => el.textContent.trim()),
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


def empty_pages(pdf: bytes) -> list[int]:
    """Pages (1-based) that print nothing but their page number."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        empty = []
        for number in range(len(document)):
            page = document[number]
            text = page.get_textpage().get_text_range()
            if "".join(text.split()) in {"", str(number + 1)}:
                empty.append(number + 1)
        return empty
    finally:
        document.close()


@dataclass(frozen=True)
class Job:
    """One PDF: its name under the output folder, which chapter (None: the class handout), solutions or not."""

    name: str
    chapter: dict | None = None
    solutions: bool = True


def jobs(manifest: dict) -> list[Job]:
    """Every PDF of the book: the class handout, then each chapter; each also without solutions."""
    found = [Job(manifest["pdf"]), Job(manifest["pdf_no_solutions"], solutions=False)]
    for chapter in manifest["chapters"]:
        found.append(Job(chapter["pdf"], chapter))
        if chapter["solutions"]:
            found.append(Job(chapter["pdf_no_solutions"], chapter, solutions=False))
    return found


def read_manifest(site: Path) -> dict:
    try:
        return json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PrintError(f"{site} has no {MANIFEST}: it is not a single-page build of this book") from None


def print_site(site: Path, out: Path, *, only: list[str] | None = None) -> list[Path]:
    """Print the single-page build in ``site`` as every PDF of :func:`jobs` under ``out``.

    ``only`` keeps the jobs of those names. Nothing is written unless every PDF prints well.
    """
    manifest = read_manifest(site)
    todo = [job for job in jobs(manifest) if only is None or job.name in only]
    printed: dict[str, bytes] = {}
    with headless.serve(site) as base, headless.launch() as browser:
        page = browser.new_page()
        failed: list[str] = []
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}"))
        page.emulate_media(media="print")
        page.goto(f"{base}/index.html", wait_until="networkidle")
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.evaluate("() => document.fonts.ready")
        problems = {name: items for name, items in page.evaluate(PROBLEMS).items() if items}
        if failed:
            problems["failed_requests"] = failed
        if problems:
            raise PrintError(f"{site / 'index.html'} does not print as it should: {problems}")
        cover = page.evaluate(COVER)
        for job in todo:
            printed[job.name] = print_job(page, job, manifest, cover)
    written = []
    for name, pdf in printed.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
        written.append(target)
    return written


def print_job(page, job: Job, manifest: dict, cover: dict[str, str]) -> bytes:
    """One PDF from the loaded single page; see ``pdf.js`` for what each job keeps."""
    chapter = job.chapter
    title = f"{chapter['number']}. {chapter['title']}" if chapter and chapter["number"] else (chapter or {}).get("title", "")
    options = {
        "chapter": chapter and chapter["docname"],
        "leaveOut": manifest["leave_out"],
        "solutions": job.solutions,
        "baseurl": manifest["baseurl"],
        "root": manifest["root"],
        "chapterTitle": title,
    }
    result = page.evaluate(PREPARE, options)
    if not job.solutions and result["left"]["solutions"]:
        raise PrintError(f"{job.name}: {result['left']['solutions']} solutions are left in a PDF without solutions")
    anchors = page.evaluate(ANCHOR_TOC_LINKS)
    if None in anchors:
        raise PrintError(f"{job.name}: a table of contents entry points nowhere")
    page.evaluate("() => document.fonts.ready")  # the contents may draw characters not drawn before
    # The first print only says where the chapters start: untagged, it takes about half the
    # time (no structure tree). Filling in the numbers can move a page (a font that loads
    # late, a line that wraps): then once more, and a page that still moves fails.
    pages = chapter_pages(page.pdf(**PDF_OPTIONS | {"tagged": False}), anchors)
    for _ in range(2):
        page.evaluate(FILL_PAGE_NUMBERS, pages)
        page.evaluate("() => document.fonts.ready")
        pdf = page.pdf(**PDF_OPTIONS)
        if (found := chapter_pages(pdf, anchors)) == pages:
            break
        pages = found
    else:
        raise PrintError(f"{job.name}: writing the page numbers into the table of contents moved the chapters")
    if empty := empty_pages(pdf):
        raise PrintError(f"{job.name}: pages {empty} print nothing")
    info = dict(cover)
    if chapter:
        info["Title"] = f"{cover.get('Title', '')} · {title}"
    if not job.solutions:
        info["Title"] = f"{info.get('Title', '')} (해답 없는 판)"
    return with_metadata(pdf, info)


def build_pdf(source: Path | None = None, output: Path | None = None, *, capture: bool = False) -> Path:
    """Build the single page strictly and print every PDF; returns the class handout's path."""
    source = book_root() if source is None else Path(source)
    out_root = Path(output) if output is not None else Path(source)
    result = build_book.build(source, output, builder="singlehtml", capture=capture)
    if result.returncode != 0:
        log = f"\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}" if capture else ""
        raise PrintError(f"the single-page build failed{log}")
    out = out_root / "_build" / "pdf"
    written = print_site(out_root / "_build" / "singlehtml", out)
    for stale in set(out.rglob("*.pdf")) - set(written):  # a chapter gone from _toc.yml
        stale.unlink()
    return out / PDF_NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=None, help="the book's folder (default: found from here)")
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        handout = build_pdf(args.source, args.output)
    except (PrintError, headless.BrowserUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    from pypdf import PdfReader

    out = handout.parent
    for pdf in sorted(out.rglob("*.pdf")):
        print(f"{pdf.relative_to(out)}: {len(PdfReader(pdf).pages)} pages")
    print(f"PDFs: {out}")
    site = out.parent / "html"
    if site.is_dir():  # the site links to the PDFs (bookbuild.handout.pdf_buttons)
        for pdf in out.rglob("*.pdf"):
            target = site / pdf.relative_to(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf, target)
        print(f"copied into the HTML site: {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
