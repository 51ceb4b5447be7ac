"""Every page of the built book, as a reader's browser shows it.

The pages are found in the build output (chapters, API, module sources, index,
search, 404), visited once each at desktop and phone width in one headless
Chromium. Each check below is then a test with one subtest per page.

``SCREENSHOTS=1 make test`` also leaves full-page screenshots of every page for
review in ``_build/screenshots/{desktop,mobile,dark}/`` (not by default: they
take a third of the time of the visits, 10 s for the longest chapter).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browser import html_pages, used_fonts

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "_build" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
LIGHTHOUSE_DESKTOP = {"width": 1350, "height": 940}  # Lighthouse's desktop form

# Math is typeset at build time (bookbuild.typeset): a page is ready once its fonts are.
SETTLE = """async () => { await document.fonts.ready; return false; }"""
RAW_MATH = r"""() => {
  const untypeset = [...document.querySelectorAll('.math')].filter(el => !el.querySelector('math'));
  // TeX left in running text (outside code and typeset math).
  const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest('pre, code, script, style, math, .math')
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
  const raw = [];
  while (walker.nextNode()) if (/\$\$|\\\(|\\\[|\\(frac|theta|alpha|nabla|sum|begin)\b/.test(walker.currentNode.data)) raw.push(walker.currentNode.data.trim());
  return [...untypeset.map(el => el.textContent), ...raw].map(t => t.slice(0, 80));
}"""
# Scripts the page loaded that typeset math (none: the math is in the page already).
MATH_SCRIPTS = r"""() => performance.getEntriesByType('resource').map(e => e.name)
  .filter(url => /\.js(\?|$)/.test(url) && /mathjax|katex|tex-|mml/i.test(url))"""
# Figures load lazily (bookbuild.theme): ask for every one at once, then list those that did not load.
BROKEN_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach(image => { image.loading = 'eager'; });
  await Promise.all(images.map(image => image.decode().catch(() => null)));
  return images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);
}"""
# Marks the first visible element of the article whose own text has Hangul.
HANGUL_PROBE = r"""() => {
  for (const el of document.querySelectorAll('main *, article *')) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('');
    if (/[\uac00-\ud7a3]/.test(own) && el.getClientRects().length) { el.dataset.fontProbe = ''; return own.trim().slice(0, 40); }
  }
  return null;
}"""
# The page frame around the article (sidebars, header, footer, skip link): its
# words and the names of its controls, which a screen reader reads out too. The
# lists of the page's headings (.page-toc, and .onlyprint for paper) are the
# article's own text.
FRAME_WORDS = r"""() => {
  const frame = el => !el.closest('article.bd-article, .page-toc, .onlyprint, code, kbd, script, style, noscript, math, [hidden]');
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) if (frame(walker.currentNode.parentElement)) texts.push(walker.currentNode.data);
  for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder], [data-bs-title]'))
    if (frame(el)) for (const a of ['title', 'aria-label', 'placeholder', 'data-bs-title']) texts.push(el.getAttribute(a) || '');
  return [...new Set(texts.join(' ').match(/[A-Za-z]{3,}/g) || [])];
}"""
# Names that stay as they are in a Korean book.
FRAME_NAMES = {"API", "Ctrl", "PDF", "pdf", "ipynb", "Colab", "JavaScript", "GitHub"}


@dataclass
class Visit:
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    raw_math: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    hangul_sample: str | None = None
    hangul_fonts: set[str] = field(default_factory=set)
    hangul_text: set[str] = field(default_factory=set)
    bold_hangul: set[str] = field(default_factory=set)
    axe: list[str] = field(default_factory=list)
    icons: set[str] = field(default_factory=set)
    mobile_overflow: int = 0
    frame_words: list[str] = field(default_factory=list)
    math_scripts: list[str] = field(default_factory=list)
    broken_words: list[str] = field(default_factory=list)
    slanted_hangul: list[str] = field(default_factory=list)


def screenshot(tab, folder: str, page: str) -> None:
    """The whole page as ``_build/screenshots/<folder>/<page>.png``, when SCREENSHOTS=1."""
    if os.environ.get("SCREENSHOTS") == "1":
        name = page.removesuffix(".html").replace("/", "-") + ".png"
        tab.evaluate(BROKEN_IMAGES)  # figures load lazily: all of them
        tab.screenshot(path=SCREENSHOTS / folder / name, full_page=True, animations="disabled")


# Icons drawn in the page (Font Awesome private-use characters in ::before/::after).
ICONS = r"""() => [...document.querySelectorAll('[class*="fa-"], .admonition-title, a.github, a.reference.download')]
  .flatMap(el => ['::before', '::after'].map(p => getComputedStyle(el, p).content))
  .filter(c => /^"[\ue000-\uf8ff]"$/.test(c)).map(c => c[1])"""
# How the page draws its Hangul, read from the browser's computed styles: the
# syllables drawn bold (600 or more), and the text drawn slanted (Hangul has no
# italic, so an italic style would slant it, a synthesized oblique, and a
# caption's number would slant beside its upright word).
HANGUL_STYLES = r"""() => {
  const bold = [], slanted = new Set(), walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!element || !/[\uac00-\ud7a3]/.test(node.data) || !element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    if (parseInt(style.fontWeight) >= 600) bold.push(...node.data.match(/[\uac00-\ud7a3]/g));
    if (style.fontStyle !== 'normal' && (style.fontSynthesisStyle !== 'none' || element.closest('.caption-number')))
      slanted.add(node.data.trim().slice(0, 30));
  }
  return {bold, slanted: [...slanted]};
}"""
# Korean words that a line break cuts between two syllables (Korean breaks at spaces).
BROKEN_WORDS = r"""() => {
  const hangul = /[\uac00-\ud7a3]/, broken = [], range = document.createRange();
  const line = (node, i) => { range.setStart(node, i); range.setEnd(node, i + 1);
                              const r = range.getClientRects()[0]; return r && Math.round(r.bottom); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest('pre, code, script, style, math, svg')
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const word of node.data.matchAll(/\S*[\uac00-\ud7a3]\S*/g)) {
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      if (new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size < 2) continue;
      for (let i = 1; i < word[0].length; i++)
        if (hangul.test(word[0][i - 1]) && hangul.test(word[0][i])
            && line(node, word.index + i - 1) !== line(node, word.index + i)) broken.push(word[0]);
    }
  }
  return broken;
}"""
AXE_START = "() => { window.__axe = axe.run(document, {resultTypes: ['violations']}); }"
AXE_RESULT = """async () => (await window.__axe).violations
  .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | ')}`)"""


class Visitor:
    """Visits pages in two tabs, so that one tab's axe run overlaps the other tab's loading."""

    def __init__(self, context, origin: str) -> None:
        self.origin, self.visits = origin, {}
        self.tabs = [context.new_page(), context.new_page()]
        for tab in self.tabs:
            self._listen(tab)

    def _listen(self, tab) -> None:
        def record(attribute: str, value: str) -> None:
            getattr(self.visits[tab], attribute).append(value)

        tab.on("console", lambda m: record("console_errors", m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: record("console_errors", str(e)))
        tab.on("request", lambda r: None if r.url.startswith((self.origin, "data:", "blob:")) else record("elsewhere", r.url))
        tab.on("response", lambda r: record("failed_requests", f"{r.status} {r.url}") if r.status >= 400 else None)
        tab.on("requestfailed", lambda r: record("failed_requests", f"{r.failure} {r.url}"))

    def start(self, tab, url: str, page: str) -> Visit:
        """Load at desktop width, check, screenshot, and set axe running."""
        visit = self.visits[tab] = Visit()
        tab.set_viewport_size(DESKTOP)
        tab.goto(url, wait_until="load")
        pending = tab.evaluate(SETTLE)
        visit.raw_math = tab.evaluate(RAW_MATH) + (["the page was not ready after 30 s"] if pending else [])
        visit.broken_images = tab.evaluate(BROKEN_IMAGES)
        visit.icons = set(tab.evaluate(ICONS))
        visit.hangul_sample = tab.evaluate(HANGUL_PROBE)
        if visit.hangul_sample is not None:
            visit.hangul_fonts = used_fonts(tab, "[data-font-probe]")
        visit.frame_words = tab.evaluate(FRAME_WORDS)
        visit.math_scripts = tab.evaluate(MATH_SCRIPTS)
        visit.hangul_text = set(tab.evaluate(r"() => document.body.innerText.match(/[\uac00-\ud7a3]/g) || []"))
        styles = tab.evaluate(HANGUL_STYLES)
        visit.bold_hangul, visit.slanted_hangul = set(styles["bold"]), styles["slanted"]
        visit.broken_words = tab.evaluate(BROKEN_WORDS)
        screenshot(tab, "desktop", page)
        tab.evaluate(AXE_START)
        return visit

    def finish(self, tab, page: str) -> None:
        """Collect axe's findings, then the same page at phone width (the theme's layout follows the width)."""
        visit = self.visits[tab]
        visit.axe = tab.evaluate(AXE_RESULT)
        tab.set_viewport_size(MOBILE)
        visit.mobile_overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        visit.broken_words += tab.evaluate(BROKEN_WORDS)
        screenshot(tab, "mobile", page)


@pytest.fixture(scope="session")
def visits(book_html: Path, site: str, chromium) -> dict[str, Visit]:
    """Every page visited at desktop and mobile width; what each visit saw."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci` (make setup installs it)")
    context = chromium.new_context()
    context.add_init_script(path=str(AXE))
    visitor, results, previous = Visitor(context, "/".join(site.split("/")[:3])), {}, None
    for i, page in enumerate(html_pages(book_html)):
        tab = visitor.tabs[i % 2]
        results[page] = visitor.start(tab, site + page, page)
        if previous:
            visitor.finish(*previous)
        previous = (tab, page)
    if previous:
        visitor.finish(*previous)
    context.close()
    return results


def pages(visits: dict[str, Visit]) -> list[tuple[str, Visit]]:
    """The visits; each test checks each page in a subtest, so one failing page hides no other."""
    assert visits, "no pages found in the build output"
    return list(visits.items())


# What a visit must not have found, on any page.
NOTHING_OF = {
    "console_errors": "errors in the browser console",
    "failed_requests": "failed requests (404s and the like)",
    "elsewhere": "requests to another host (the book must work offline)",
    "raw_math": "math left as raw TeX",
    "math_scripts": "scripts that typeset math in the browser",
    "broken_images": "images that did not load",
    "axe": "accessibility violations found by axe-core",
    "slanted_hangul": "Korean set in italics (Hangul has none; captions' numbers too)",
    "broken_words": "Korean words cut between two syllables at a line's end (desktop and phone)",
}


@pytest.mark.parametrize("finding", NOTHING_OF)
def test_no_page_has(visits, subtests, finding):
    for page, visit in pages(visits):
        with subtests.test(page=page):
            assert getattr(visit, finding) == [], NOTHING_OF[finding]


def test_korean_text_is_drawn_with_the_books_hangul_font(visits, subtests):
    for page, visit in pages(visits):
        with subtests.test(page=page):
            assert visit.hangul_sample, "no Korean text found on the page"
            assert "NanumGothic" in visit.hangul_fonts, f"{visit.hangul_sample!r} drawn with {visit.hangul_fonts}"


def hangul_font_characters(book_html: Path, name: str = "hangul-400.woff2") -> set[str]:
    """The syllables one of the book's subset Hangul fonts can draw."""
    from fontTools.ttLib import TTFont

    return {chr(code) for code in TTFont(book_html / "_static" / "fonts" / name).getBestCmap()}


def test_the_hangul_font_has_every_syllable_on_the_page(visits, book_html, subtests):
    """The font is subset to the book's text: a syllable left out is an empty box (tofu)."""
    drawable = hangul_font_characters(book_html)
    for page, visit in pages(visits):
        with subtests.test(page=page):
            assert visit.hangul_text <= drawable, "".join(sorted(visit.hangul_text - drawable))


def test_the_bold_hangul_font_has_every_syllable_drawn_bold(visits, book_html, subtests):
    """The bold weight is cut down to the syllables the pages draw bold (bookbuild.fonts.bold_hangul);
    one left out would be drawn as a synthesized bold of the regular weight."""
    drawable = hangul_font_characters(book_html, "hangul-700.woff2")
    assert len(drawable) < len(hangul_font_characters(book_html)), "the bold font is not cut down"
    for page, visit in pages(visits):
        with subtests.test(page=page):
            assert visit.bold_hangul <= drawable, "".join(sorted(visit.bold_hangul - drawable))


def test_the_page_frame_speaks_korean(visits, subtests):
    """Skip link, sidebars, buttons and footer: the theme's English is translated
    (bookbuild/theme/locales, bookbuild/theme/templates/)."""
    for page, visit in pages(visits):
        with subtests.test(page=page):
            assert set(visit.frame_words) <= FRAME_NAMES, sorted(set(visit.frame_words) - FRAME_NAMES)


# The page's layout shifts so far (Chromium's layout-shift entries, as Lighthouse's CLS counts them).
LAYOUT_SHIFTS = """() => new Promise(resolve => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput)
      shifts.push([entry.value, entry.sources.map(s => s.node?.textContent?.trim().slice(0, 40) ?? '?')]);
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(shifts), 100);
})"""


# Where the element that the first paint waits for (<link rel="expect">) starts on the page.
FIRST_PAINT_AWAITS = """() => {
  const link = document.querySelector('link[rel=expect][blocking=render]');
  const target = link && document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
  return target ? target.getBoundingClientRect().top + scrollY : null;
}"""


def test_nothing_moves_while_a_page_loads(book_html, site, chromium, subtests):
    """Math is typeset at build time (bookbuild.typeset), so nothing is hidden or
    typeset after the text is shown: every page with math, loaded at desktop
    and phone width, has no layout shift once its fonts and figures are in
    (before, MathJax typesetting in the browser moved lines by 35 to 70 px).

    Nor is a page painted half parsed: its first paint waits for an element
    below the first screen (bookbuild.theme.first_screen_end). A busy machine
    painted the header with half its buttons, or half a formula, and moved them
    when the rest came (CI: a layout shift of 0.012 at phone width)."""
    with_math = [page for page in html_pages(book_html)
                 if "<math" in (book_html / page).read_text(encoding="utf-8")]
    assert len(with_math) >= 8
    for viewport in (DESKTOP, MOBILE):
        context = chromium.new_context(viewport=viewport)
        tab = context.new_page()
        for page in with_math:
            with subtests.test(page=page, width=viewport["width"]):
                tab.goto(site + page, wait_until="load")
                tab.evaluate(SETTLE)
                assert (tab.evaluate(FIRST_PAINT_AWAITS) or 0) > viewport["height"]
                tab.wait_for_timeout(300)
                shifts = tab.evaluate(LAYOUT_SHIFTS)
                assert sum(value for value, _ in shifts) < 0.005, shifts
        context.close()


ICON_FONTS = "**/fontawesome/webfonts/*"
# Where the visible icons, headings and paragraphs of the page sit (CSS pixels).
PLACES = """() => [...document.querySelectorAll('[class*="fa-"], h1, h2, p')]
  .filter(e => e.getClientRects().length)
  .map(e => { const r = e.getBoundingClientRect();
              return [e.className || e.tagName, ...[r.x, r.y, r.width, r.height].map(Math.round)]; })"""


def moved_without(chromium, site: str, page: str, viewport: dict, fonts: str, while_withheld=None) -> list:
    """What is elsewhere when the page is laid out with the ``fonts`` (a URL glob)
    withheld than with them loaded; ``while_withheld(tab)`` looks at the first."""
    places = []
    for blocked in (True, False):
        context = chromium.new_context(viewport=viewport)
        if blocked:
            context.route(fonts, lambda route: route.abort())
        tab = context.new_page()
        tab.goto(site + page, wait_until="load")
        tab.evaluate(SETTLE)
        places.append(tab.evaluate(PLACES))
        if blocked and while_withheld:
            while_withheld(tab)
        context.close()
    withheld, loaded = places
    assert len(loaded) > 20 and len(withheld) == len(loaded)
    # Chromium counts no shift smaller than 3 px; an icon's baseline may move by less.
    return [(a, b) for a, b in zip(withheld, loaded) if max(abs(x - y) for x, y in zip(a[1:], b[1:])) > 2]


def test_formulas_are_drawn_in_the_math_font_with_roots_and_columns_in_place(site, chromium):
    """Formulas are drawn in STIX Two Math, which the page adds from its bytes before its
    first layout (bookbuild.typeset); a square root ends where its radicand ends (Chromium
    gave each root the width of the font's widest root part, a gap of 0.4 em after each
    \\sqrt\\kappa: bookbuild.typeset.one_root_sign); an aligned equation's columns are
    aligned (Chromium left a right-aligned "p" at the left of its column)."""
    tab = chromium.new_page(viewport=DESKTOP)
    tab.goto(site + "book/faster.html", wait_until="load")
    tab.evaluate(SETTLE)
    assert used_fonts(tab, "article math mi") == {"STIX Two Math"}
    gaps = tab.evaluate("""() => [...document.querySelectorAll('article msqrt')].map(root =>
      (root.getBoundingClientRect().right - root.lastElementChild.getBoundingClientRect().right)
      / parseFloat(getComputedStyle(root).fontSize))""")
    assert len(gaps) > 10 and max(gaps) < 0.05, gaps
    # the aligned layers of (9.1): the third column's entries end at one x, the fourth's start at one
    tab.goto(site + "book/network.html", wait_until="load")
    tab.evaluate(SETTLE)
    columns = tab.evaluate("""() => [...document.querySelectorAll('#equation-eq-net-forward mtable mtable mtr')].map(row => {
      const ink = cell => { const boxes = [...cell.children].map(e => e.getBoundingClientRect());
                            return [Math.min(...boxes.map(b => b.left)), Math.max(...boxes.map(b => b.right))]; };
      return [ink(row.children[2])[1], ink(row.children[3])[0]]; })""")
    assert len(columns) == 3
    for ends_or_starts in zip(*columns):
        assert max(ends_or_starts) - min(ends_or_starts) < 0.5, columns
    tab.close()


def test_the_page_contents_do_not_open_as_the_page_loads(site, chromium):
    """The page's table of contents shows its second level from the start (bookbuild.theme):
    the theme opened the level under the section in view once the page had loaded, and the
    entries below moved down (Lighthouse's desktop, 1350 px: a layout shift of 0.006 on api,
    under the 0.005 that test_nothing_moves_while_a_page_loads allows at 1280 px)."""
    tab = chromium.new_page(viewport=LIGHTHOUSE_DESKTOP)
    tab.goto(site + "book/api.html", wait_until="load")
    tab.evaluate(SETTLE)
    tab.wait_for_timeout(300)
    shifts = tab.evaluate(LAYOUT_SHIFTS)
    assert sum(value for value, _ in shifts) < 0.001, shifts
    tab.close()


def test_the_module_index_is_laid_out_the_same_before_its_script_runs(site, chromium):
    """Sphinx's script shows the module index's expand/collapse images once the page has
    loaded; their column was empty before, so the module names moved right (Lighthouse's
    desktop: a layout shift of 0.009). The images hold their place unseen (book-theme.css):
    the names start at the same x with and without the page's scripts."""
    starts = []
    for scripts in (False, True):
        context = chromium.new_context(viewport=LIGHTHOUSE_DESKTOP, java_script_enabled=scripts)
        tab = context.new_page()
        tab.goto(site + "py-modindex.html", wait_until="load")
        starts.append(tab.evaluate("() => document.querySelector('table.modindextable code.xref').getBoundingClientRect().left"))
        context.close()
    assert starts[0] == starts[1], starts


def test_icons_hold_their_place_before_their_font_arrives(site, chromium, subtests):
    """Font Awesome's icons take the same box with and without their font: a
    font arriving after the first paint widened the header's buttons (CI,
    phone: a layout shift of 0.01) and wrapped a chapter's notebook buttons
    onto a second line (0.14), and the arrows of a phone's previous and next
    links shrank to their glyphs (demos). Each page is laid out with the icon
    fonts withheld and again with them loaded; nothing may be elsewhere."""
    for viewport in (DESKTOP, MOBILE):
        for page in ("book/index.html", "book/faster.html", "book/demos.html"):
            with subtests.test(page=page, width=viewport["width"]):
                assert moved_without(chromium, site, page, viewport, ICON_FONTS) == []


def test_bold_korean_keeps_its_place_and_the_books_font_without_the_bold_font(site, chromium, subtests):
    """Until the bold weight arrives (and for a syllable it lacks), bold Korean
    is the regular weight made bold, from the book's second family: same
    glyph widths, so nothing moves when the bold font comes (it moved: a
    layout shift of 0.012 on a phone with the font 0.4 s late), and no empty
    boxes on a machine without a Korean font of its own."""

    def drawn_in_the_books_font(tab):
        assert "NanumGothic" in used_fonts(tab, ".bd-article p strong")

    for viewport in (DESKTOP, MOBILE):
        for page in ("book/index.html", "book/summary.html"):
            with subtests.test(page=page, width=viewport["width"]):
                assert moved_without(chromium, site, page, viewport, "**/hangul-700.woff2", drawn_in_the_books_font) == []


def test_a_late_bold_font_still_draws_bold_korean_in_the_books_font(site, chromium):
    """The bold Hangul weight is fetched as a web font (bookbuild.fonts). When it
    arrives late, bold Korean is drawn in it once it is there: with
    ``font-display: optional`` it was not, and a machine without a Korean font
    of its own showed empty boxes."""
    context = chromium.new_context(viewport=MOBILE)
    context.route("**/hangul-700.woff2", lambda route: (time.sleep(0.4), route.continue_()))
    tab = context.new_page()
    tab.goto(site + "book/index.html", wait_until="load")  # bold words in its first paragraph
    tab.evaluate(SETTLE)
    assert "NanumGothic" in used_fonts(tab, ".bd-article p strong")
    context.close()


# axe's contrast rule alone (the other rules do not depend on the colours).
AXE_CONTRAST = """async () => (await axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['violations']})).violations
  .flatMap(v => v.nodes.map(n => `${n.target.join(' ')}: ${n.any.map(c => c.message).join('; ')}`.slice(0, 240)))"""


@pytest.mark.parametrize("mode", ["dark", "system-dark"])
def test_dark_mode_keeps_every_page_readable(book_html, site, chromium, subtests, mode):
    """Dark mode, chosen with the header's button or by the reader's system
    (bookbuild.theme): the page is dark and figures keep their light card.
    Chosen with the button, axe finds no contrast violation on any page
    (the system's choice gives the same colours)."""
    context = chromium.new_context(viewport=DESKTOP, color_scheme="dark")
    context.add_init_script(path=str(AXE))
    if mode == "dark":
        context.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    tab = context.new_page()
    for page in html_pages(book_html):
        with subtests.test(page=page, mode=mode):
            tab.goto(site + page, wait_until="load")
            tab.evaluate(SETTLE)
            assert tab.evaluate("() => document.documentElement.dataset.theme") == "dark"
            background = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
            assert background in ("rgb(18, 18, 18)",), background
            cards = tab.evaluate("""() => [...document.querySelectorAll('.bd-content figure img')]
              .map(img => getComputedStyle(img).backgroundColor)""")
            assert set(cards) <= {"rgb(255, 255, 255)"}, cards
            if mode == "dark":
                screenshot(tab, "dark", page)
                assert tab.evaluate(AXE_CONTRAST) == []
    context.close()


def test_pages_fit_a_phone_screen(visits, subtests):
    for page, visit in pages(visits):
        with subtests.test(page=page):
            assert visit.mobile_overflow <= 0, f"the page scrolls sideways by {visit.mobile_overflow}px at 390px"


def test_icon_fonts_keep_every_icon_the_pages_draw(visits, book_html, subtests):
    """The Font Awesome fonts are cut down to the icons in use (bookbuild.theme): none may be missing."""
    from fontTools.ttLib import TTFont

    fonts = (book_html / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2")
    glyphs = {chr(code) for font in fonts for code in TTFont(font).getBestCmap()}
    for page, visit in pages(visits):
        with subtests.test(page=page):
            assert visit.icons <= glyphs, sorted(f"U+{ord(c):04X}" for c in visit.icons - glyphs)
