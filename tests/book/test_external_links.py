"""The watch on the book's external links: what it extracts from the built site (offline),
how it tells a broken link from a live one (against a server on loopback), its issue text,
and the scheduled workflow that runs it (actionlint runs on it in test_workflows.py)."""

from __future__ import annotations

import http.server
import re
import socket
import threading
from pathlib import Path

import pytest
import yaml

from bookbuild.external_links import Answer, check, checked_url, external_links, report
from books import ROOT

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
DEMO_HOSTS = ["playground.tensorflow.org", "cs.stanford.edu", "poloclub.github.io", "bbycroft.net"]


def source_urls() -> set[str]:
    """Every http(s) link written in the chapters' Markdown, and every citation's URL and DOI."""
    urls = set()
    for chapter in (ROOT / "book").glob("*.md"):
        urls |= set(re.findall(r"\]\((https?://[^)\s]+)\)", chapter.read_text(encoding="utf-8")))
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    urls |= set(re.findall(r"\burl\s*=\s*\{([^}]+)\}", bib))
    urls |= {f"https://doi.org/{doi}" for doi in re.findall(r"\bdoi\s*=\s*\{([^}]+)\}", bib)}
    return urls


def test_every_external_link_of_the_built_site_is_found(book_html: Path):
    links = external_links(book_html)
    missing = source_urls() - set(links)
    assert not missing, f"links of the chapters or the bibliography not found in the site: {sorted(missing)}"
    for host in DEMO_HOSTS:  # the demos the book sends readers to
        assert any(url.split("/")[2] == host for url in links), host
    assert CONFIG["repository"]["url"] in links


def test_extraction_leaves_out_the_site_itself_and_checks_colab_links_on_github(book_html: Path):
    links = external_links(book_html)
    baseurl = CONFIG["html"]["baseurl"]
    assert all(url.startswith(("http://", "https://")) for url in links)
    assert not [url for url in links if url.startswith(baseurl)], "the site's own pages are bookbuild.links' job"
    assert not [url for url in links if "colab.research.google.com" in url]
    notebooks = [url for url in links if "/blob/" in url and url.endswith(".ipynb")]
    assert notebooks and all(url.startswith(CONFIG["repository"]["url"] + "/blob/") for url in notebooks)
    # Each link says where it is, for the issue.
    demo = next(url for url in links if url.startswith("https://poloclub.github.io/"))
    assert "book/demos.html" in links[demo]


def test_colab_links_are_checked_at_the_notebook_on_github():
    url = "https://colab.research.google.com/github/owner/book/blob/main/notebooks/x.ipynb"
    assert checked_url(url) == "https://github.com/owner/book/blob/main/notebooks/x.ipynb"
    assert checked_url("https://bbycroft.net/llm") == "https://bbycroft.net/llm"


def test_extraction_on_a_small_site(tmp_path: Path):
    (tmp_path / "book").mkdir()
    (tmp_path / "_static").mkdir()
    (tmp_path / "book" / "a.html").write_text(
        '<a href="https://example.org/x">x</a> <a href="b.html">b</a> <a href="mailto:x@y.z">m</a>'
        '<a href="https://book.example/site/book/b.html">self</a><img src="http://example.org/i.png">'
    )
    (tmp_path / "book" / "b.html").write_text('<a href="https://example.org/x#part">x</a>')
    (tmp_path / "_static" / "t.html").write_text('<a href="https://theme.example/">theme</a>')
    links = external_links(tmp_path, baseurl="https://book.example/site/")
    assert links == {
        "http://example.org/i.png": ["book/a.html"],
        "https://example.org/x": ["book/a.html"],
        "https://example.org/x#part": ["book/b.html"],
    }


@pytest.fixture(scope="module")
def loopback() -> str:
    """A server on loopback: /ok answers 200, /gone 404, /robots 403, /head-refused 405 to HEAD only."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def answer(self, body: bool) -> None:
            path = self.path.split("?")[0]
            status = {"/ok": 200, "/gone": 404, "/robots": 403, "/error": 503}.get(path, 404)
            if path == "/head-refused":
                status = 405 if self.command == "HEAD" else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            if body:
                self.wfile.write(b"ok")

        def do_HEAD(self) -> None:
            self.answer(False)

        def do_GET(self) -> None:
            self.answer(True)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_check_tells_broken_links_from_live_ones(loopback: str):
    dead = f"http://127.0.0.1:{closed_port()}/x"
    urls = [f"{loopback}/ok", f"{loopback}/ok#a", f"{loopback}/gone", f"{loopback}/robots", f"{loopback}/error",
            f"{loopback}/head-refused", dead]
    answers = {a.url: a for a in check(urls, timeout=5, retries=0)}
    assert [url for url in urls if answers[url].broken] == [f"{loopback}/gone", f"{loopback}/error", dead]
    assert [url for url in urls if answers[url].refused] == [f"{loopback}/robots"]
    assert answers[f"{loopback}/head-refused"].status == 200, "a server that refuses HEAD gets a GET"
    assert answers[dead].status is None


def test_report_lists_each_broken_link_with_its_pages():
    answers = [Answer("https://a.example/x", 404, "Not Found"), Answer("https://b.example/", None, "timed out"),
               Answer("https://c.example/", 403, "Forbidden"), Answer("https://d.example/", 200, "OK")]
    links = {"https://a.example/x": ["book/demos.html", "book/network.html"], "https://b.example/": ["book/summary.html"]}
    text = report(answers, links, run_url="https://github.com/o/r/actions/runs/1")
    assert "found 2 broken" in text
    assert "| <https://a.example/x> | 404 Not Found | book/demos.html, book/network.html |" in text
    assert "| <https://b.example/> | no answer: timed out | book/summary.html |" in text
    assert "- <https://c.example/> (403)" in text and "d.example" not in text
    assert "https://github.com/o/r/actions/runs/1" in text


def test_the_workflow_runs_weekly_and_on_demand_and_keeps_one_issue():
    path = ROOT / ".github" / "workflows" / "links.yml"
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as True
    assert "workflow_dispatch" in triggers
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert day == month == "*" and weekday.isdigit(), "weekly"
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "make book" in runs and "bookbuild.external_links _build/html --check" in runs
    assert "gh issue edit" in runs and "gh issue create" in runs and "gh issue close" in runs
    assert path in sorted((ROOT / ".github" / "workflows").glob("*.yml"))  # linted by test_workflows.py
