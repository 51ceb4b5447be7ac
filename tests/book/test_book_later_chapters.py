"""Chapters on variants, real data, practice and the summary: the built pages say what the code computes."""

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest

import descent
from test_book import text_of


def page_text(book_html: Path, name: str) -> str:
    text = text_of((book_html / "book" / f"{name}.html").read_text(encoding="utf-8"))
    assert "{glue" not in text
    return text


def test_diabetes_chapter_reproduces_the_notebook(book_html: Path):
    text = page_text(book_html, "diabetes")
    x, y = descent.load_diabetes_bmi()
    run = descent.linear_regression_gd(
        descent.add_intercept(x), y, [1.0, 1.0], learning_rate=0.01, n_epochs=999,
        batch_size=1, shuffle=False, history="epoch",
    )
    b, w = run.theta
    # The classroom notebook printed w = 942.70..., b = 151.74..., prediction 321.43... (999 epochs).
    assert (round(w, 2), round(b, 2), round(b + 0.18 * w, 2)) == (942.70, 151.75, 321.43)
    for value in ["942.70", "151.75", "321.43"]:
        assert value in text
    assert "999" in text
    best = descent.normal_equation(descent.add_intercept(x), y)
    assert f"{best[0] + 0.18 * best[1]:.2f}" in text


def test_variants_table_holds_the_computed_numbers(book_html: Path):
    text = page_text(book_html, "variants")
    X, y, theta0 = descent.make_linear_data()
    X_b = descent.add_intercept(X)
    best = descent.normal_equation(X_b, y)
    for size in [None, 1, 10]:
        run = descent.linear_regression_gd(X_b, y, theta0, learning_rate=0.1, n_epochs=50,
                                           batch_size=size, random_state=0)
        assert f"{np.linalg.norm(run.theta - best):.4f}" in text
        assert f"{100 * np.mean(np.diff(run.costs) > 0):.1f}" in text


class _Demos(HTMLParser):
    """Links inside <div class="demo admonition"> blocks."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # div nesting inside a demo block, 0 outside
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and (self.depth or "demo" in (attrs.get("class") or "").split()):
            self.depth += 1
        elif tag == "a" and self.depth and attrs.get("href", "").startswith("http"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1


def test_every_demo_link_sits_in_a_demo_admonition(book_html: Path):
    html = (book_html / "book" / "in-practice.html").read_text(encoding="utf-8")
    demos = _Demos()
    demos.feed(html)
    hosts = [urlsplit(url).netloc for url in demos.links]
    assert hosts.count("playground.tensorflow.org") == 4
    assert not any("&amp;" in url for url in demos.links)  # HTMLParser unescaped the href once
    assert {"cs.stanford.edu", "poloclub.github.io", "bbycroft.net"} <= set(hosts)
    # Every external page link of the chapter is a demo (bibliography links live on the summary page).
    external = re.findall(r'<a class="reference external" href="(https?://[^"]+)"', html)
    outside = {unescape(url) for url in external} - set(demos.links)
    assert outside == set()
    # No image is hot-linked from another site.
    assert not re.search(r'<img[^>]+src="(https?:)?//', html)


@pytest.mark.parametrize(
    ("demo", "expected"),
    [
        (0, {"networkShape": "", "dataset": "circle"}),
        (1, {"networkShape": "4,2", "learningRate": "0.03"}),
        (2, {"networkShape": "4,2", "learningRate": "3"}),
        (3, {"networkShape": "4,2", "batchSize": "1"}),
    ],
)
def test_playground_links_carry_their_settings(book_html: Path, demo: int, expected: dict):
    demos = _Demos()
    demos.feed((book_html / "book" / "in-practice.html").read_text(encoding="utf-8"))
    playground = [url for url in demos.links if "playground.tensorflow.org" in url]
    settings = dict(item.split("=", 1) for item in urlsplit(playground[demo]).fragment.split("&"))
    assert expected.items() <= settings.items()
    assert settings["seed"] == "0.1"  # everyone in the class starts from the same network


def test_summary_has_the_glossary_and_the_cited_works(book_html: Path):
    html = (book_html / "book" / "summary.html").read_text(encoding="utf-8")
    terms = [text_of(t).strip() for t in re.findall(r'<dt id="term-[^"]*">(.*?)<a class="headerlink"', html, re.S)]
    for term in ["경사 하강법", "학습률", "에포크", "확률적 경사 하강법", "미니배치", "정규 방정식", "표준화", "SGD"]:
        assert term in terms
    text = text_of(html)
    for author in ["Cauchy", "Robbins", "Ruder", "Zhang", "Efron"]:
        assert author in text


def test_front_page_links_the_pdf_and_gives_the_two_commands(book_html: Path):
    html = (book_html / "book" / "index.html").read_text(encoding="utf-8")
    assert 'href="../gradient-descent.pdf"' in html
    assert "make book" in text_of(html) and "make test" in text_of(html)
