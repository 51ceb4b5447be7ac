"""Every link of the built site to another site, and which of them are broken.

    python -m bookbuild.external_links _build/html                 # list them (offline): URL, then the pages
    python -m bookbuild.external_links _build/html --check         # request each; exit 1 if one is broken
    python -m bookbuild.external_links _build/html --check --report broken.md

The demos (TensorFlow Playground, ConvNetJS, Transformer Explainer, the LLM
visualization), the citations' URLs and DOIs, the repository: a page that
moves or dies is noticed by ``.github/workflows/links.yml``, which runs the
check weekly and keeps one issue listing the broken ones. Nothing here runs at
build or test time: the tests run the extraction on the built site and the
check against a server on loopback.

* Links into the site itself (``html.baseurl``) are left out: ``bookbuild.links``
  checks them offline.
* A Colab link stands for the notebook on GitHub it opens (Colab answers any
  address with a page), so the GitHub address is checked.
* A link is broken when its server answers 404, 410 or 5xx, or does not answer
  (name, connection, timeout), after a retry. 401, 403 and 429 say that a
  site refuses robots, not that the page is gone: they are listed apart and do
  not fail the check.
"""

from __future__ import annotations

import argparse
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

COLAB = "https://colab.research.google.com/github/"
USER_AGENT = "Mozilla/5.0 (compatible; gradient-descent-book link check; +https://github.com/)"
REFUSED = {401, 403, 429}  # the site refuses robots: not a broken link
TIMEOUT = 20
SKIP = ("_static/", "_sources/", "_modules/")  # theme fragments, page sources, highlighted code


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        url = attributes.get("href") if tag == "a" else attributes.get("src") if tag in {"img", "iframe", "source"} else None
        if url and urlsplit(url).scheme in {"http", "https"}:
            self.urls.append(url.strip())


def checked_url(url: str) -> str:
    """The address a link is checked at: a Colab link's notebook on GitHub, the rest as they are."""
    if url.startswith(COLAB):
        return "https://github.com/" + url.removeprefix(COLAB)
    return url


def external_links(site: Path, baseurl: str = "") -> dict[str, list[str]]:
    """Every external URL of the HTML pages under ``site``: URL -> the pages that link to it, sorted."""
    site = Path(site)
    baseurl = baseurl or site_baseurl(site)
    found: dict[str, set[str]] = defaultdict(set)
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        if name.startswith(SKIP):
            continue
        parser = _Anchors()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for url in parser.urls:
            if baseurl and url.startswith(baseurl):
                continue
            found[checked_url(url)].add(name)
    return {url: sorted(pages) for url, pages in sorted(found.items())}


def site_baseurl(site: Path) -> str:
    """The site's own address, from the canonical link of its front page (``html.baseurl``)."""
    for name in ("index.html", "book/index.html"):
        page = Path(site) / name
        if page.is_file():
            text = page.read_text(encoding="utf-8", errors="replace")
            marker = '<link rel="canonical" href="'
            if marker in text:
                canonical = text.split(marker, 1)[1].split('"', 1)[0]
                return canonical[: canonical.rfind("/") + 1] if name == "index.html" else canonical.rsplit("/book/", 1)[0] + "/"
    return ""


@dataclass(frozen=True)
class Answer:
    url: str
    status: int | None  # None: no answer
    reason: str

    @property
    def broken(self) -> bool:
        return self.status is None or self.status in {404, 410} or self.status >= 500

    @property
    def refused(self) -> bool:
        return self.status in REFUSED


def request(url: str, *, timeout: float = TIMEOUT, retries: int = 1) -> Answer:
    """HEAD, then GET when HEAD is refused or fails; one retry after a pause for what looks broken."""
    address = urldefrag(url).url
    answer = Answer(url, None, "not requested")
    for attempt in range(retries + 1):
        for method in ("HEAD", "GET"):
            try:
                req = urllib.request.Request(address, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
                with urllib.request.urlopen(req, timeout=timeout) as response:
                    return Answer(url, response.status, response.reason)
            except urllib.error.HTTPError as exc:
                answer = Answer(url, exc.code, str(exc.reason))
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                answer = Answer(url, None, str(getattr(exc, "reason", exc)))
        if not answer.broken:
            return answer
        if attempt < retries:
            time.sleep(2)
    return answer


def check(urls: list[str], *, workers: int = 8, **kwargs) -> list[Answer]:
    """The answer for each URL; links that differ only in their #fragment are requested once."""
    addresses = sorted({urldefrag(url).url for url in urls})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answered = dict(zip(addresses, pool.map(lambda address: request(address, **kwargs), addresses)))
    return [Answer(url, answered[urldefrag(url).url].status, answered[urldefrag(url).url].reason) for url in urls]


def report(answers: list[Answer], links: dict[str, list[str]], *, run_url: str = "") -> str:
    """The issue's body: the broken links with where they are, then those that refuse robots."""
    broken = [a for a in answers if a.broken]
    refused = [a for a in answers if a.refused]
    lines = [
        f"The weekly check of the book's {len(answers)} external links found {len(broken)} broken"
        f" ({time.strftime('%Y-%m-%d', time.gmtime())}).",
        "",
    ]
    if run_url:
        lines += [f"Run: {run_url}", ""]
    if broken:
        lines += ["| link | answer | pages |", "| --- | --- | --- |"]
        for answer in broken:
            status = f"{answer.status} {answer.reason}" if answer.status else f"no answer: {answer.reason}"
            lines.append(f"| <{answer.url}> | {status} | {', '.join(links.get(answer.url, []))} |")
        lines.append("")
    if refused:
        lines += ["Not counted (the site refuses robots; check by hand now and then):", ""]
        lines += [f"- <{a.url}> ({a.status})" for a in refused]
        lines.append("")
    lines.append("This issue is updated by `.github/workflows/links.yml` and closed when every link answers again.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--baseurl", default="", help="the site's own address (default: from its canonical link)")
    parser.add_argument("--check", action="store_true", help="request every link (needs the internet)")
    parser.add_argument("--report", type=Path, help="write the broken links as Markdown here")
    parser.add_argument("--run-url", default="", help="a link to the run, for the report")
    args = parser.parse_args(argv)
    links = external_links(args.site, args.baseurl)
    if not links:
        print(f"no external links under {args.site}: is it the built site?", file=sys.stderr)
        return 2
    if not args.check:
        for url, pages in links.items():
            print(f"{url}\n    {', '.join(pages)}")
        return 0
    answers = check(list(links))
    for answer in answers:
        mark = "BROKEN " if answer.broken else "refused" if answer.refused else "ok     "
        print(f"{mark} {answer.status or '-'} {answer.url}")
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report(answers, links, run_url=args.run_url), encoding="utf-8")
    broken = sum(answer.broken for answer in answers)
    print(f"{len(answers)} external links, {broken} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
