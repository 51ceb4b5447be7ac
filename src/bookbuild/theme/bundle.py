"""One stylesheet for the whole site, without the rules no page can use.

A chapter linked 14 stylesheets, each a render-blocking request (Lighthouse,
phone: about 170 ms each on its slow line), and the theme's own 66 KB
(compressed) of which Lighthouse found 60 KB unused. After an HTML build:

* every stylesheet the pages link is joined, in the pages' order, into
  ``_static/book.css`` (``@import`` inlined, ``url()`` paths rewritten), and
  each page links that one file instead, as it linked the others: relative, or
  from the site's root (the 404 page, served at any depth, links
  ``/gradient-descent/_static/...``);
* a rule is dropped when every selector of it names a class or id that appears
  nowhere in the site: not in any page, nor in any script (which may add
  classes, e.g. Bootstrap's ``show``). Names inside ``:not()``, ``:is()``,
  ``:where()``, ``:has()`` and attribute selectors do not count, so what
  is kept is a superset of what can match;
* ``documentation_options.js`` (400 bytes, blocking because inline scripts
  read it at once) is written into each page instead of fetched.

The single-page build (the handout) is left as it is.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

BUNDLE = "book.css"
LINK = re.compile(r'[ \t]*<link rel="stylesheet" type="text/css" href="([^"?]+)(?:\?[^"]*)?" />\n?')
PRELOAD_STYLE = re.compile(r'[ \t]*<link rel="preload" as="style" href="[^"]*" />\n?')
THEME_LINK = re.compile(r'[ \t]*<link href="([^"?]+\.css)(?:\?[^"]*)?" rel="stylesheet" />\n?')
OPTIONS = re.compile(r'<script src="([^"]*documentation_options\.js)(?:\?[^"]*)?"></script>')
URL = re.compile(r'url\(\s*([\'"]?)(?!data:|https?:|/|#)([^\'")]+)\1\s*\)')
IMPORT = re.compile(r'@import\s+(?:url\()?["\']([^"\']+)["\']\)?\s*;')
TOKEN = re.compile(r"[A-Za-z_][\w-]*")


def _static_path(page: Path, href: str, outdir: Path) -> str | None:
    """``_static/...`` path of a stylesheet a page links (None for anything else)."""
    if href.startswith("/"):  # from the site's root, whatever its prefix (the 404 page)
        if "/_static/" not in href:
            return None
        href, page = href[href.index("/_static/") + 1 :], outdir / "index.html"
    target = (page.parent / href).resolve()
    try:
        relative = target.relative_to(outdir.resolve()).as_posix()
    except ValueError:
        return None
    return relative if relative.startswith("_static/") and target.is_file() else None


def _css_text(outdir: Path, path: str, seen: set[str]) -> str:
    """A stylesheet's text with its ``@import``s inlined and its ``url()``s made relative to ``_static/``."""
    seen.add(path)
    text = (outdir / path).read_text(encoding="utf-8")
    folder = posixpath.dirname(path)

    def imported(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(folder, match.group(1)))
        return "" if target in seen else _css_text(outdir, target, seen)

    def rebased(match: re.Match) -> str:
        quote, url = match.groups()
        target = posixpath.normpath(posixpath.join(folder, url))
        return f"url({quote}{posixpath.relpath(target, '_static')}{quote})"

    text = IMPORT.sub(imported, text)
    return URL.sub(rebased, text).replace("@charset \"UTF-8\";", "")


# ------------------------------------------------------------ a small CSS reader

def _statements(css: str) -> list[str]:
    """Top-level statements (``sel { ... }``, ``@x ...;``, ``@x ... { ... }``), comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out, depth, start, i, quote = [], 0, 0, 0, None
    while i < len(css):
        c = css[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                out.append(css[start : i + 1].strip())
                start = i + 1
        elif c == ";" and depth == 0:
            out.append(css[start : i + 1].strip())
            start = i + 1
        i += 1
    return [s for s in out if s]


GROUPING = ("@media", "@supports", "@layer", "@container")
INNER = re.compile(r":(?:not|is|where|has|-webkit-any|-moz-any)\(")


def _required_names(selector: str) -> set[str]:
    """Classes and ids a selector needs (leaving out what is inside :not(), :is(), ... and [...])."""
    out, i, depth = [], 0, 0
    while i < len(selector):  # drop functional pseudo-classes with their arguments
        match = INNER.match(selector, i)
        if match and depth == 0:
            level, j = 1, match.end()
            while j < len(selector) and level:
                level += {"(": 1, ")": -1}.get(selector[j], 0)
                j += 1
            i = j
            continue
        out.append(selector[i])
        i += 1
    bare = re.sub(r"\[[^\]]*\]", "", "".join(out))
    return set(re.findall(r"[.#](-?[_a-zA-Z][\w-]*)", bare))


def purge(css: str, names: set[str]) -> str:
    """``css`` without the rules whose every selector needs a name not in ``names``."""
    kept = []
    for statement in _statements(css):
        if statement.startswith("@"):
            head, brace, body = statement.partition("{")
            if brace and head.strip().startswith(GROUPING):
                inner = purge(body[:-1], names)
                if inner:
                    kept.append(f"{head.strip()}{{{inner}}}")
            else:
                kept.append(statement)
            continue
        selectors, _, _ = statement.partition("{")
        if any(_required_names(s) <= names for s in _split_selectors(selectors)):
            kept.append(statement)
    return "\n".join(kept)


def _split_selectors(selectors: str) -> list[str]:
    parts, depth, current = [], 0, []
    for c in selectors:
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(c, 0)
        if c == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
    return parts + ["".join(current)]


# ------------------------------------------------------------ the build step

def _site_names(outdir: Path) -> set[str]:
    """Every word that could be a class or id: the tokens of every page and script of the site."""
    names: set[str] = set()
    for path in outdir.rglob("*"):
        if path.suffix in {".html", ".js"} and path.is_file():
            names.update(TOKEN.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return names


def bundle_site(outdir: Path, memory: Path) -> None:
    """Join, purge and link the stylesheets of every HTML page under ``outdir``.

    ``memory`` (a JSON file kept between builds) holds the order of the
    stylesheets, so an incremental build, which rewrites only some pages,
    still bundles those of the pages it left alone."""
    order: list[str] = json.loads(memory.read_text()) if memory.is_file() else []
    pages = [p for p in sorted(outdir.rglob("*.html")) if "_static" not in p.parts and "_sources" not in p.parts]
    rewrites = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = [(m, _static_path(page, m.group(1), outdir)) for m in
                 [*THEME_LINK.finditer(html), *LINK.finditer(html)]]
        links = [(m, path) for m, path in links if path]
        if not links:
            continue
        previous = None
        for _, path in sorted(links, key=lambda item: item[0].start()):
            if path not in order:
                order.insert(order.index(previous) + 1 if previous else len(order), path)
            previous = path
        rewrites[page] = html
    if not order:
        return
    bundle = "\n".join(_css_text(outdir, path, set()) for path in order)
    (outdir / "_static" / BUNDLE).write_text(purge(bundle, _site_names(outdir)) + "\n", encoding="utf-8")
    options = outdir / "_static" / "documentation_options.js"
    inline = options.read_text(encoding="utf-8").strip() if options.is_file() else None
    for page, html in rewrites.items():
        link = min((m for m in [*THEME_LINK.finditer(html), *LINK.finditer(html)]
                    if _static_path(page, m.group(1), outdir)), key=lambda m: m.start())
        # the bundle by the first stylesheet's own way to _static/: "../_static/" or "/gradient-descent/_static/"
        href = link.group(1)[: link.group(1).index("_static/")] + "_static/" + BUNDLE
        first = link.start()
        keep = lambda m: m.group(0) if _static_path(page, m.group(1), outdir) is None else ""  # noqa: E731
        head = html[:first] + f'<link rel="stylesheet" href="{href}" />\n'
        rest = PRELOAD_STYLE.sub("", LINK.sub(keep, THEME_LINK.sub(keep, html[first:])))
        html = head + rest
        if inline is not None:
            html = OPTIONS.sub(lambda m: f"<script>{inline}</script>", html)
        page.write_text(html, encoding="utf-8")
    memory.write_text(json.dumps(order))
