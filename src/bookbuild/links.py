"""Check every internal link of a built HTML site: files, images, scripts and ``#fragments``.

    python -m bookbuild.links _build/html            # prints broken links, exits 1 if any
    python -m bookbuild.links _build/html --prefix /gradient-descent/

Links to other sites are not followed (the book is checked offline). Absolute
paths (``/gradient-descent/_static/...``, written by the 404 page) are read
under ``--prefix``, the path the site is published at.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that point at another resource, per tag.
LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url} ({self.reason})"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        url = attributes.get(LINKING.get(tag, ""))
        if url and not (tag == "link" and attributes.get("rel") in {"canonical", "preconnect", "dns-prefetch"}):
            self.links.append(url)


@cache
def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def _target(site: Path, page: Path, path: str, prefix: str) -> Path | None:
    if path.startswith("/"):
        if not path.startswith(prefix):
            return None
        target = site / path[len(prefix):]
    else:
        target = page.parent / path
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def check_site(site: Path, prefix: str = "/") -> list[BrokenLink]:
    """Every broken internal link of the HTML pages under ``site``."""
    site, prefix = Path(site).resolve(), "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    _parse.cache_clear()
    broken = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        if name.startswith("_static/"):  # theme template fragments, not pages
            continue
        for url in _parse(page).links:
            if _is_external(url) or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            parts = urlsplit(url)
            target = _target(site, page, unquote(parts.path), prefix) if parts.path else page
            if target is None:
                broken.append(BrokenLink(name, url, f"outside the site path {prefix}"))
            elif not target.is_file():
                broken.append(BrokenLink(name, url, "no such file"))
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parse(target).ids:
                broken.append(BrokenLink(name, url, "no such #fragment"))
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--prefix", default="/", help="path the site is published at (for absolute links)")
    args = parser.parse_args(argv)
    broken = check_site(args.site, args.prefix)
    for link in broken:
        print(link)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
