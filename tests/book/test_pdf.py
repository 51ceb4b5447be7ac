"""The PDF handout: the whole book, printed well, from the same sources.

``book_pdf`` is the real book (printed once per session, next to the
``book_html`` build, sharing its notebook cache). ``fixture_pdf`` is a small
book whose chapter has what only works on screen (a demo link, exercise
solutions) and what printing gets wrong (a code cell longer than a page).

The printed text is read by poppler's ``pdftotext`` (its words, put into
lines top to bottom: about 0.01 s a page); pdfplumber reads what only it can (where the
characters sit, their fonts, the drawn boxes: 0.4 s a page), for the whole
book and the fixture only.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdf
import pytest
import yaml
import zxingcpp

from bookbuild import build as build_book
from bookbuild import headless
from bookbuild import pdf as build_pdf
from bookbuild.handout import pdf_name
from browser import launch, no_browser, serve
from books import ROOT, make_book

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's Type 3 fonts have no FontBBox
A4 = (595.28, 841.89)  # points
DEMO_URL = "https://example.org/demo/learning-rate?step=0.1"
LONG_CELL = [f"value_{i:02d} = {i} * 0.5  # 긴 셀의 {i}번째 줄" for i in range(1, 81)]
FIXTURE_CHAPTER = """(ch-handout-fixture)=
# 인쇄 시험 장

```{code-cell} ipython3
:tags: [remove-cell]
%matplotlib inline
%config InlineBackend.figure_formats = ["svg"]
import descent
from descent import plotting
```

이 장은 화면에서만 되는 것을 인쇄본이 종이에 옮기는지 시험한다.

:::{admonition} 데모: 학습률 체험
:class: demo
브라우저에서 [학습률 데모](DEMO_URL)를 열어 보자.
:::

$$
\\theta \\leftarrow \\theta - \\alpha \\, \\nabla J(\\theta)
$$ (eq-fixture-update)

```{code-cell} ipython3
:tags: [remove-input]
:mystnb:
:  figure:
:    name: fig-fixture-data
:    caption: 시험용 그림.
X, y, theta0 = descent.make_linear_data(n_samples=30, random_state=0)
plotting.plot_data(X, y)
```

```{code-cell} ipython3
LONG_CELL
```

```{code-cell} ipython3
:tags: [hide-input]
folded_source = "접힌 코드도 인쇄된다"
folded_source
```

```{exercise} 한 걸음
:label: ex-fixture-step
{eq}`eq-fixture-update`에서 $\\alpha = 0.1$일 때 한 걸음의 크기를 구하라.
```

```{solution} ex-fixture-step
:class: dropdown
첫 번째 해답은 기울기 크기의 영점일 배이다.
```

```{exercise} 두 배
:label: ex-fixture-double
학습률을 두 배로 하면 어떻게 될까?
```

```{solution-start} ex-fixture-double
:class: dropdown
```
두 번째 해답은 발산할 수도 있다는 것이다.
```{solution-end}
```
""".replace("DEMO_URL", DEMO_URL).replace("LONG_CELL", "\n".join(LONG_CELL))


def print_or_skip(**kwargs) -> Path:
    try:
        return build_pdf.build_pdf(capture=True, **kwargs)
    except headless.BrowserUnavailable as exc:
        no_browser(exc)


@pytest.fixture(scope="session")
def book_pdf(book_html: Path) -> Path:
    return print_or_skip(output=book_html.parent.parent)


@pytest.fixture(scope="module")
def fixture_book(tmp_path_factory) -> Path:
    book = make_book(tmp_path_factory.mktemp("handout"), {"index": "# 시험 책\n\n머리말.\n", "chapter": FIXTURE_CHAPTER})
    print_or_skip(source=book)
    return book


@pytest.fixture(scope="module")
def fixture_pdf(fixture_book: Path) -> Path:
    return fixture_book / "_build" / "pdf" / build_pdf.PDF_NAME


@dataclass(frozen=True)
class Page:
    """What the tests read of one printed page's layout."""

    height: float
    text_bottom: float  # of the lowest character that is not blank
    hangul_fonts: frozenset[str]
    images: int
    drawings: int  # curves, lines and rectangles
    boxes: tuple[tuple, ...]  # filled boxes: (colour, holds text, (x0, top, x1, bottom))


def read_pdf(pdf: Path) -> tuple[Page, ...]:
    """Every page of ``pdf``, read once per session: pdfplumber takes about 45 s for the whole book."""
    return _read_pdf(pdf, pdf.stat().st_mtime_ns)


@functools.cache
def _read_pdf(pdf: Path, mtime_ns: int) -> tuple[Page, ...]:
    pages = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            chars = page.chars
            boxes = []
            for shape in page.rects + page.curves:
                color = tuple(shape["non_stroking_color"] or ())
                if shape["fill"] and shape["height"] >= 12 and shape["width"] >= 100:
                    inside = any(
                        shape["x0"] <= (c["x0"] + c["x1"]) / 2 <= shape["x1"]
                        and shape["top"] <= (c["top"] + c["bottom"]) / 2 <= shape["bottom"]
                        for c in chars
                    )
                    boxes.append((color, inside, (shape["x0"], shape["top"], shape["x1"], shape["bottom"])))
            pages.append(Page(
                height=page.height,
                text_bottom=max((c["bottom"] for c in chars if c["text"].strip()), default=0.0),
                hangul_fonts=frozenset(c["fontname"] for c in chars if re.match("[가-힣]", c["text"])),
                images=len(page.images),
                drawings=len(page.curves) + len(page.lines) + len(page.rects),
                boxes=tuple(boxes),
            ))
    return tuple(pages)


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, line by line from the top (blank lines and runs of spaces dropped)."""
    return list(_page_texts(pdf, pdf.stat().st_mtime_ns))


@functools.cache
def _page_texts(pdf: Path, mtime_ns: int) -> tuple[str, ...]:
    if shutil.which("pdftotext") is None:
        reason = "pdftotext is missing: install poppler-utils (apt) or poppler (brew)"
        pytest.fail(reason) if os.environ.get("CI") else pytest.skip(reason)
    tsv = subprocess.run(["pdftotext", "-tsv", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages: dict[int, list[tuple[float, float, str]]] = {}
    height = 0.0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        top, tall = float(row["top"]), float(row["height"])
        if row["level"] == "1":  # the page
            pages[int(row["page_num"])], height = [], tall
        elif row["level"] == "5" and 0 <= top and top + tall <= height:  # a word on the page (not a stretched delimiter)
            pages[int(row["page_num"])].append((top + tall / 2, float(row["left"]), row["text"]))
    return tuple(_lines(words) for _, words in sorted(pages.items()))


def _lines(words: list[tuple[float, float, str]]) -> str:
    """Words into lines, top to bottom and left to right (a line: middles within 3 pt)."""
    lines: list[list[tuple[float, float, str]]] = []
    for word in sorted(words):
        if lines and word[0] - lines[-1][0][0] < 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    return "\n".join(" ".join(text for _, _, text in sorted(line, key=lambda w: w[1])) for line in lines)


def squash(text: str) -> str:
    """Text without any whitespace: PDF text extraction places spaces its own way."""
    return re.sub(r"\s+", "", text)


def chapters() -> list[tuple[str, str]]:
    """(file, H1 title) of every chapter listed in _toc.yml, in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [entry["file"] for part in toc["parts"] for entry in part["chapters"]]
    found = []
    for name in files:
        text = (ROOT / f"{name}.md").read_text(encoding="utf-8")
        (title,) = re.findall(r"^# (.+)$", text, re.M)[:1]
        found.append((name, title.replace("`", "")))
    return found


def handout_chapters() -> list[tuple[str, str]]:
    """The chapters of the class handout: those of the numbered parts of _toc.yml (not the appendix)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    numbered = {entry["file"] for part in toc["parts"] if part.get("numbered") for entry in part["chapters"]}
    return [(name, title) for name, title in chapters() if name in numbered]


def appendix() -> list[str]:
    return [name for name, _ in chapters() if name not in dict(handout_chapters())]


def korean_sentence(name: str) -> str:
    """The start of the chapter's first Korean prose line, up to its first markup."""
    text = (ROOT / f"{name}.md").read_text(encoding="utf-8")
    text = re.sub(r"```.*?```|:::.*?:::|^---\n.*?\n---\n", "", text, flags=re.S | re.M)
    for line in text.splitlines():
        plain = re.split(r"[`*\[\]{}$<>|]", line)[0] if re.match(r"[가-힣]", line) else ""
        if len(squash(plain)) >= 6:
            return plain[:30]
    raise AssertionError(f"{name} has no Korean prose line")


# --- The real book -------------------------------------------------------------------------


def test_single_page_sits_where_its_asset_urls_point(book_pdf: Path):
    # Sphinx writes the root page to book/index.html with URLs for the top folder (all 404).
    site = book_pdf.parent.parent / "singlehtml"
    html = (site / "index.html").read_text(encoding="utf-8")
    local = {url.split("?")[0] for url in re.findall(r'(?:src|href)="(?![a-z]+:)([^"#]+)', html)}
    # Screen-only links of the site (the site's search and index, the front page's PDF link) do not print.
    local -= {"search.html", "genindex.html", f"../{build_pdf.PDF_NAME}"}
    assert local and {url for url in local if not (site / url).is_file()} == set()
    assert not (site / "book").exists()


def test_pdf_is_a4_with_a_sane_page_count(book_pdf: Path):
    reader = pypdf.PdfReader(book_pdf)
    assert 3 + len(chapters()) <= len(reader.pages) <= 400
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=1)


def test_cover_has_title_subtitle_and_the_book_date(book_pdf: Path):
    cover, contents = page_texts(book_pdf)[:2]
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    stamp = time.gmtime(int(build_book.source_date_epoch()))
    for text in (config["title"], config["sphinx"]["config"]["handout_subtitle"]):
        assert squash(text) in squash(cover)
    assert f"{stamp.tm_year}년 {stamp.tm_mon}월 {stamp.tm_mday}일" in cover
    assert not re.search(r"^\d+$", cover, re.M), "the cover carries no page number"
    assert contents.rstrip().endswith("2"), "page 2 is numbered"


def test_contents_list_every_chapter_with_the_page_it_starts_on(book_pdf: Path):
    texts = page_texts(book_pdf)
    start = next(i for i, text in enumerate(texts) if "차례" in text)
    toc = "\n".join(texts[start : start + 3])
    for name, title in handout_chapters():
        match = re.search(rf"^(?:\d+\.\s*)?{re.escape(squash(title))}(\d+)$", squash_lines(toc), re.M)
        assert match, f"{title!r} ({name}) is not in the table of contents"
        page = int(match.group(1))
        # The heading opens the page (inline code in it may be extracted as a line of its own).
        heading = "".join(texts[page - 1].splitlines()[:2])
        assert all(word in heading for word in title.split()), f"{title!r} does not start page {page}: {heading!r}"


def test_the_contents_open_a_page_under_one_title(book_pdf: Path):
    lines = [[line.strip() for line in text.splitlines() if line.strip()] for text in page_texts(book_pdf)]
    page = next(page for page in lines if "차례" in page)
    assert page[0] == "차례", f"the contents do not open their page: {page[:3]}"
    assert page.count("차례") == 1, "the root page's heading and the handout's own title both print"


def squash_lines(text: str) -> str:
    return "\n".join(squash(line) for line in text.splitlines())


def test_korean_body_text_of_every_chapter_is_there(book_pdf: Path):
    text = squash("".join(page_texts(book_pdf)))
    for name, _ in handout_chapters():
        assert squash(korean_sentence(name)) in text, name
    for name in appendix():  # printed on its own
        assert squash(korean_sentence(name)) not in text, name
        assert squash(korean_sentence(name)) in squash("".join(page_texts(chapter_pdf(book_pdf, name)))), name


def chapter_pdf(book_pdf: Path, name: str, *, solutions: bool = True) -> Path:
    return book_pdf.parent / pdf_name(name, solutions=solutions)


def test_the_class_handout_has_its_front_matter_in_one_place_and_no_appendix(book_pdf: Path):
    texts = [squash(text) for text in page_texts(book_pdf)]
    first_chapter = next(i for i, text in enumerate(texts) if text.startswith(squash(f"1. {handout_chapters()[0][1]}")))
    front = "".join(texts[:first_chapter])
    assert squash("직접 만들어 보기") in front, "the front page's last sections print before the chapters"
    assert squash("인쇄용 PDF") not in "".join(texts), "a section with only screen content does not print"
    api = squash("".join(page_texts(chapter_pdf(book_pdf, appendix()[0]))))
    assert "array-like" in api and "array-like" not in "".join(texts), "the API appendix is a PDF of its own"
    # The front page's text fills its pages: none but the last before chapter 1 is less than half full.
    for page in read_pdf(book_pdf)[2 : first_chapter - 1]:
        assert page.text_bottom > page.height * 0.6


def test_no_formula_is_left_as_raw_tex(book_pdf: Path):
    text = "".join(page_texts(book_pdf))
    for raw in ["\\frac", "$$", "\\(", "\\)", "\\[", "\\begin", "\\theta", "\\nabla"]:
        assert raw not in text


def embedded_fonts(reader: pypdf.PdfReader) -> dict[str, bool]:
    """Every font of every page (and of the forms it draws): name -> carries its glyphs."""
    fonts: dict[str, bool] = {}

    def visit(resources) -> None:
        resources = resources.get_object() if resources else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if font["/Subtype"] == "/Type0":
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if font["/Subtype"] == "/Type3":  # glyphs drawn by the font's own procedures
                fonts[f"Type3 {font.indirect_reference}"] = "/CharProcs" in font
            else:
                descriptor = descriptor.get_object()
                fonts[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return fonts


def test_every_font_is_embedded_and_hangul_comes_from_the_books_font(book_pdf: Path):
    fonts = embedded_fonts(pypdf.PdfReader(book_pdf))
    assert fonts and all(fonts.values()), {name for name, embedded in fonts.items() if not embedded}
    hangul = set().union(*(page.hangul_fonts for page in read_pdf(book_pdf)))
    # The book's own web font (NanumGothic), so it prints on a machine without a Korean font.
    assert hangul and all("NanumGothic" in name for name in hangul), hangul


def figure_elements(reader: pypdf.PdfReader) -> list[dict]:
    """The tagged PDF's Figure elements that stand for an image (their /Alt is the image's alt text)."""
    found = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_every_figure_is_printed_as_vectors(book_pdf: Path):
    html = (book_pdf.parent.parent / "singlehtml" / "index.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert images and all(src.endswith(".svg") for src in images)
    reader = pypdf.PdfReader(book_pdf)
    drawn = [figure for figure in figure_elements(reader) if "/K" in figure and "/Pg" in figure]
    assert len(drawn) == len(images)
    pages = read_pdf(book_pdf)
    assert sum(page.images for page in pages) == 0, "a raster image prints soft: figures are SVG"
    for figure in drawn:
        assert pages[reader.get_page_number(figure["/Pg"])].drawings > 20, "a figure's page has no drawing"


def test_no_box_is_left_empty_by_a_page_break(book_pdf: Path):
    assert empty_frames(read_pdf(book_pdf)) == []


def test_the_site_links_to_the_pdfs(book_html: Path):
    front = (book_html / "book" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*gradient-descent\.pdf)"', front)
    assert len(links) >= 2  # the front page's paragraph and the header button
    for page in [book_html / "book" / "index.html", book_html / "book" / "linear-regression.html"]:
        for href in re.findall(r'href="([^"]*\.pdf)"', page.read_text(encoding="utf-8")):
            assert (page.parent / href).resolve().is_relative_to(book_html.resolve())
    chapter = book_html / "book" / "linear-regression.html"
    found = {(chapter.parent / href).resolve() for href in re.findall(r'href="([^"]*\.pdf)"', chapter.read_text(encoding="utf-8"))}
    expected = [pdf_name("book/linear-regression"), pdf_name("book/linear-regression", solutions=False),
                build_pdf.PDF_NAME, pdf_name(solutions=False)]
    assert found == {(book_html / name).resolve() for name in expected}, "the chapter's PDFs next to the whole book's"


def test_every_chapter_prints_on_its_own_with_and_without_solutions(book_pdf: Path):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    for name, title in chapters():
        pdf = chapter_pdf(book_pdf, name)
        texts = page_texts(pdf)
        first = squash(texts[0])
        assert first.startswith(squash(config["title"]) + "·"), f"{pdf.name}: the line naming the book opens it"
        assert squash(title) in first and "이장의차례" in first, pdf.name
        assert all(text.rstrip().endswith(str(number)) for number, text in enumerate(texts, start=1)), \
            f"{pdf.name}: every page is numbered, from 1"
        source = (ROOT / f"{name}.md").read_text(encoding="utf-8")
        sheet = chapter_pdf(book_pdf, name, solutions=False)
        if re.search(r"^(```|:::)\{solution", source, re.M):
            # A solution prints under the title "해답 연습 N.M" (the exercise it solves).
            solved = set(re.findall(r"해답연습(\d+\.\d+)", squash("".join(texts))))
            left = squash("".join(page_texts(sheet)))
            assert solved, f"{pdf.name}: the solutions print"
            assert not re.findall(r"해답연습\d+\.\d+", left), f"{sheet.name}: the solutions are left out"
            shown = set(re.findall(r"연습(\d+\.\d+)", left))  # text extraction may run a digit on
            assert all(any(number.startswith(x) or x.startswith(number) for x in shown) for number in solved), f"{sheet.name}: the exercises stay"
        else:
            assert not sheet.exists()
    assert build_pdf.empty_pages((book_pdf.parent / pdf_name(solutions=False)).read_bytes()) == []


def test_a_page_with_nothing_but_its_number_is_empty():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(*A4)
    out = io.BytesIO()
    writer.write(out)
    assert build_pdf.empty_pages(out.getvalue()) == [1]


def test_pages_workflow_publishes_the_pdf_with_the_site():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert runs.index("make pdf") > runs.index("make book")
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert steps.index(upload) > runs.index("make pdf") and upload["with"]["path"] == "_build/html"


# --- The fixture book: what works only on screen, and long code -----------------------------


def test_demo_link_prints_its_url_and_a_qr_code_that_decodes_to_it(fixture_pdf: Path):
    with pdfplumber.open(fixture_pdf) as doc:
        (page,) = [page for page in doc.pages if DEMO_URL in (page.extract_text() or "")]
        image = page.to_image(resolution=150).original
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [DEMO_URL]


def test_solutions_and_folded_code_are_printed_open(fixture_pdf: Path):
    text = squash("".join(page_texts(fixture_pdf)))
    for solution in ["첫 번째 해답은 기울기 크기의 영점일 배이다.", "두 번째 해답은 발산할 수도 있다는 것이다."]:
        assert squash(solution) in text
    assert squash('folded_source = "접힌 코드도 인쇄된다"') in text
    assert "codecell" not in text.lower(), "the fold's 'Show code cell source' toggle does not print"


def test_the_exercise_sheets_leave_out_the_solutions_only(fixture_book: Path):
    out = fixture_book / "_build" / "pdf"
    for sheet in [out / pdf_name(solutions=False), out / pdf_name("chapter", solutions=False)]:
        text = squash("".join(page_texts(sheet)))
        for exercise in ["한 걸음의 크기를 구하라.", "학습률을 두 배로 하면 어떻게 될까?"]:
            assert squash(exercise) in text, sheet.name
        for solution in ["첫 번째 해답은", "두 번째 해답은"]:
            assert squash(solution) not in text, sheet.name
        assert squash("해답 없는 판") in text, sheet.name
    chapter = squash("".join(page_texts(out / pdf_name("chapter"))))
    assert squash("첫 번째 해답은") in chapter and squash("인쇄 시험 장") in chapter


def test_long_code_breaks_between_lines_in_framed_pieces(fixture_pdf: Path):
    code = [[line for line in text.splitlines() if line.startswith("value_")] for text in page_texts(fixture_pdf)]
    assert [squash(line) for piece in code for line in piece] == [squash(line) for line in LONG_CELL]
    assert len([piece for piece in code if piece]) >= 2, "the fixture's cell must be longer than a page"
    assert all(len(piece) >= 4 for piece in code if piece), "no piece of code with fewer than 4 lines"
    assert empty_frames(read_pdf(fixture_pdf)) == []


def empty_frames(pages: tuple[Page, ...]) -> list[tuple[int, tuple]]:
    """(page, box) of every filled box with no text in it, of a colour that elsewhere holds text.

    The colours of the boxes that hold text are those of code cells and
    admonitions; a box of such a colour without text is one whose content
    jumped to the next page. White and black are left out: the book draws no
    black box, and Chromium leaves black-filled paths that it paints over in white.
    """
    boxes = [(number, color, inside, where) for number, page in enumerate(pages, start=1)
             for color, inside, where in page.boxes
             if color not in {(1.0, 1.0, 1.0), (1.0,), (0.0, 0.0, 0.0), (0.0,)}]
    text_colors = {color for _, color, inside, _ in boxes if inside}
    return [(number, where) for number, color, inside, where in boxes if color in text_colors and not inside]


VISIBLE = "(el) => el.checkVisibility({opacityProperty: true, visibilityProperty: true})"
CONTROLS = (
    'button, input, select, textarea, [role="button"], a.headerlink, .bd-header, .bd-header-article,'
    " .bd-sidebar-primary, .bd-sidebar-secondary, #pst-back-to-top"
)


def test_controls_hide_and_qr_codes_show_only_in_print(fixture_book: Path):
    with serve(fixture_book / "_build" / "singlehtml") as base, launch() as browser:
        tab = browser.new_page()
        tab.goto(f"{base}/index.html", wait_until="networkidle")
        assert not tab.eval_on_selector(".handout-demo-link", VISIBLE)
        tab.emulate_media(media="print")
        tab.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        assert tab.eval_on_selector(".handout-demo-link", VISIBLE)
        shown = tab.eval_on_selector_all(CONTROLS, f"(els) => els.filter({VISIBLE}).map(el => el.outerHTML.slice(0, 80))")
        assert shown == []


def test_printing_fails_on_a_missing_asset_or_raw_math(fixture_book: Path, tmp_path: Path):
    site = shutil.copytree(fixture_book / "_build" / "singlehtml", tmp_path / "site")
    (site / "_static" / "fonts" / "math.css").unlink()
    page = site / "index.html"  # one formula as raw TeX, as if it had not been typeset
    html = page.read_text(encoding="utf-8")
    html, count = re.subn(r'(<span class="math notranslate nohighlight">)<math.*?</math>',
                          r"\1\\(\\theta\\)", html, count=1, flags=re.S)
    assert count == 1
    page.write_text(html, encoding="utf-8")
    try:
        with pytest.raises(build_pdf.PrintError) as failure:
            build_pdf.print_site(site, tmp_path / "out.pdf")
    except headless.BrowserUnavailable as exc:
        no_browser(exc)
    assert "404" in str(failure.value) and "math.css" in str(failure.value)
    assert "raw_math" in str(failure.value)
    assert not (tmp_path / "out.pdf").exists(), "nothing is written unless every PDF prints well"
