"""A self-hosted Korean web font, cut down to the syllables the book uses.

Readers' machines (and the machine that prints the PDF) may have no Korean
font at all. After an HTML build this writes NanumGothic (regular and bold),
subset to the Hangul actually present in the output, as WOFF2 files under
``_static/fonts/`` and a stylesheet that puts them first for Hangul code points
only (``unicode-range``); Latin text keeps the theme's system fonts.

On the web the bold weight holds only the syllables drawn bold
(:func:`bold_hangul`: 59 KB → 38 KB). The regular weight is also the book's
second family, ``FALLBACK``: a bold syllable the bold font lacks, or bold text
drawn before that font arrives, is the regular weight made bold by the
browser, with the same widths (every NanumGothic syllable is 0.94 em in both
weights), so nothing moves when the bold font comes. Without it the browser
went on to the system's fonts, or to empty boxes.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fontTools import subset
from sphinx.application import Sphinx

from descent import fonts

FAMILY = "Book Hangul"
ABOUT = "NanumGothic (SIL Open Font License 1.1), subset to the Hangul of this book"
FALLBACK = "Book Hangul Regular"  # the regular weight alone: made bold where the bold font cannot serve
CSS = "hangul.css"
# Hangul Jamo, CJK symbols and punctuation, compatibility Jamo, syllables.
RANGES = [(0x1100, 0x11FF), (0x3000, 0x303F), (0x3130, 0x318F), (0xAC00, 0xD7A3)]
HANGUL = re.compile("[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in RANGES) + "]")
SANS = '-apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", Arial, sans-serif'
MONO = f'SFMono-Regular, Menlo, Consolas, "Liberation Mono", "{FAMILY}", monospace'


def used_hangul(outdir: Path) -> str:
    """Every Hangul character in the built pages and scripts (sorted, for stable output)."""
    chars: set[str] = set()
    for path in outdir.rglob("*"):
        if path.suffix in {".html", ".js"}:
            chars.update(HANGUL.findall(_text(path)))  # a regex: a loop over each character took seconds
    return "".join(sorted(chars))


def _text(path: Path) -> str:
    """A built page's or script's text, as the reader sees it."""
    text = path.read_text(encoding="utf-8", errors="ignore")
    if path.suffix == ".js":  # translations.js writes Korean as \uXXXX escapes
        text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return text


# Where the theme draws page text at weight 600 or more (headings, strong, table
# heads, terms, admonition titles), and the scripts that write bold text (the
# explorers' status line). More is harmless; the browser tests hold every
# syllable drawn bold to the bold font.
BOLD_TEXT = re.compile(r'<(h[1-6]|strong|b|th|dt|caption)\b[^>]*>(.*?)</\1>'
                       r'|<p class="[^"]*\badmonition-title\b[^"]*">(.*?)</p>', re.S)
BOLD_SCRIPTS = ["_static/explorers/*.js", "_static/translations.js", "_static/handout.js"]


def bold_hangul(outdir: Path) -> str:
    """The Hangul drawn bold on the built pages (sorted)."""
    chars: set[str] = set()
    for path in outdir.rglob("*.html"):
        for match in BOLD_TEXT.finditer(_text(path)):
            chars.update(HANGUL.findall(match.group(2) or match.group(3) or ""))
    for pattern in BOLD_SCRIPTS:
        for path in outdir.glob(pattern):
            chars.update(HANGUL.findall(_text(path)))
    return "".join(sorted(chars))


def write_subset(source: Path, text: str, target: Path, prepare=None, features=("*",)) -> None:
    """``source`` cut down to the characters of ``text`` and the OpenType ``features``, as WOFF2;
    ``prepare(font)`` may edit it first."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = list(features)
    options.name_IDs = ["*"]  # keep the copyright and OFL licence records
    options.notdef_outline = True
    # No TrueType hinting: NanumGothic's instructions are 60 % of the subset
    # (116 KB of 45 KB a weight); phones and high-density screens ignore them.
    options.hinting = False
    font = subset.load_font(str(source), options)
    if prepare is not None:
        prepare(font)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)


def stylesheet(weights: tuple[int, ...] = (400, 700)) -> str:
    ranges = ", ".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in RANGES)
    faces = "".join(
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: normal; font-display: swap;\n'
        f'  src: url("fonts/hangul-{weight}.woff2") format("woff2"); unicode-range: {ranges}; }}\n'
        for weight in weights
    )
    return (
        f"/* {ABOUT}. */\n"
        + faces
        + f':root {{\n  --pst-font-family-base: "{FAMILY}", "{FALLBACK}", {SANS};\n'
        f"  --pst-font-family-heading: var(--pst-font-family-base);\n"
        f"  --pst-font-family-monospace: {MONO};\n}}\n"
        # Korean breaks lines between words (at spaces), not inside them: in the
        # text and in the frame (the tables of contents, the previous and next links).
        # Hangul has no italic (NanumGothic has none), so an italic style (a caption's
        # "그림 3.1", a signature's default value) keeps it upright instead of slanting
        # it; Latin text keeps its fonts' own italics.
        "body {\n  word-break: keep-all;\n  overflow-wrap: break-word;\n  font-synthesis-style: none;\n}\n"
    )


def _write_font(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    text = used_hangul(outdir)
    bold = bold_hangul(outdir) if app.builder.name == "html" else text  # print keeps every bold syllable
    static = outdir / "_static"
    jobs = [(fonts.font_path(name), chars, static / "fonts" / f"hangul-{weight}.woff2")
            for weight, name, chars in ((400, "regular", text), (700, "bold", bold))]
    # Subsetting and compressing take seconds; most rebuilds use the same
    # characters, so the fonts are remade only when the characters or the fonts change.
    digest = hashlib.sha256(b"unhinted")
    for source, chars, _ in jobs:
        digest.update(chars.encode() + b"\0" + source.read_bytes())
    stamp = Path(app.doctreedir) / f"hangul-font-{outdir.name}.sha256"
    if not (stamp.is_file() and stamp.read_text() == digest.hexdigest() and all(t.is_file() for *_, t in jobs)):
        for source, chars, target in jobs:
            write_subset(source, chars, target)
        stamp.write_text(digest.hexdigest())
    if app.builder.name == "html":
        (static / SCRIPT).write_text(font_script(
            static / "fonts" / "hangul-400.woff2", [FAMILY, FALLBACK], ABOUT, weight="400", style="normal",
            unicodeRange=", ".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in RANGES)), encoding="utf-8")
        (static / CSS).write_text(stylesheet((700,)), encoding="utf-8")
    else:
        (static / CSS).write_text(stylesheet(), encoding="utf-8")


# The regular weight as a script that adds the font from its bytes: a font
# made from bytes is ready at once, so the page is first laid out in it. As a
# web font (even a data: URL in the stylesheet) it arrived after the first
# paint and the paragraphs reflowed (Lighthouse, phone: layout shift 0.05 to
# 0.26). The script is loaded like a stylesheet, blocking, and cached.
SCRIPT = "fonts/hangul-400.js"
FONT_SCRIPT = """/* %(about)s (bookbuild.fonts.font_script). */
(() => {
  const data = atob("%(data)s");
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) bytes[i] = data.charCodeAt(i);
  for (const family of %(families)s)
    document.fonts.add(new FontFace(family, bytes, %(descriptors)s));
})();
"""


def font_script(font: Path, families: list[str], about: str, **descriptors: str) -> str:
    """A script that adds the WOFF2 ``font`` under each of ``families`` from its bytes (FontFace descriptors as keywords)."""
    import base64
    import json

    return FONT_SCRIPT % {"about": about, "data": base64.b64encode(font.read_bytes()).decode(),
                          "families": json.dumps(families), "descriptors": json.dumps(descriptors)}


def preload_font(context: dict, path: str) -> None:
    """Have the page fetch the WOFF2 font at ``path`` (relative to the output folder) along with its stylesheets."""
    href = context["pathto"](path, 1)
    context["metatags"] = context.get("metatags", "") + (
        f'<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin />\n')


def _preload(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Fetch the fonts along with the stylesheets, so text is laid out once, in its font (no layout shift)."""
    if app.builder.format != "html" or "pathto" not in context:
        return
    if app.builder.name == "html":  # the regular weight comes as a script (FONT_SCRIPT)
        context["metatags"] = context.get("metatags", "") + (
            f'<script src="{context["pathto"]("_static/" + SCRIPT, 1)}"></script>\n')
    for weight in (400, 700) if app.builder.name != "html" else (700,):
        preload_font(context, f"_static/fonts/hangul-{weight}.woff2")


def setup(app: Sphinx) -> dict:
    app.add_css_file(CSS)
    app.connect("html-page-context", _preload)
    app.connect("build-finished", _write_font)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
