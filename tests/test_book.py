"""The built book: glued numbers are the computed ones, figures and math are there, nothing is fetched from elsewhere."""

import re
from pathlib import Path

import numpy as np
import pytest

import descent
from browser import launch, serve

PAGES = ["index.html", "book/linear-regression.html"]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_glued_numbers_are_the_computed_ones(book_html: Path):
    text = text_of((book_html / "book" / "linear-regression.html").read_text(encoding="utf-8"))
    X, y, theta0 = descent.make_linear_data()
    Xb = descent.add_intercept(X)
    run = descent.linear_regression_gd(Xb, y, theta0, learning_rate=0.1, n_epochs=100)
    best = descent.normal_equation(Xb, y)
    for value in [*run.theta, run.cost, *best, np.linalg.norm(run.theta - best)]:
        assert f"{value:.4f}" in text
    assert f"{descent.mse_cost(Xb, y, theta0):.3f}" in text
    assert "10,000" in text  # the notebook's (1/2*m) is m^2 times 1/(2m)
    assert "{glue" not in text


def test_figures_are_vector_images(book_html: Path):
    html = (book_html / "book" / "linear-regression.html").read_text(encoding="utf-8")
    assert "&lt;Figure size" not in html and "<Figure size" not in html
    figures = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert len(figures) >= 3 and all(src.endswith(".svg") for src in figures)
    for src in figures:
        assert (book_html / "book" / src).resolve().is_file()


def test_mathjax_is_served_by_the_site(book_html: Path):
    html = (book_html / "book" / "linear-regression.html").read_text(encoding="utf-8")
    (src,) = re.findall(r'<script[^>]+src="([^"]*tex-chtml\.js[^"]*)"', html)
    assert not src.startswith(("http:", "https:", "//"))
    assert (book_html / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert not re.search(r'(src|href)="(https?:)?//[^"]*mathjax', html, re.I)


def test_no_build_date_in_pages(book_html: Path):
    for page in PAGES:
        assert "마지막 업데이트" not in (book_html / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_page_in_a_browser_is_offline_and_typeset(book_html: Path, page: str):
    with serve(book_html) as base, launch() as browser:
        tab = browser.new_page()
        requests: list[str] = []
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto(f"{base}/{page}", wait_until="networkidle")
        tab.evaluate("() => window.MathJax.startup.promise")
        elsewhere = [url for url in requests if not url.startswith(base) and not url.startswith("data:")]
        assert elsewhere == []
        raw = tab.evaluate(
            """() => [...document.querySelectorAll('.math')]
                   .filter(el => !el.querySelector('mjx-container')).map(el => el.textContent)"""
        )
        assert raw == []
        images = tab.evaluate("() => [...document.images].map(i => [i.src, i.naturalWidth])")
        assert all(width > 0 for _, width in images), images
        assert "NanumGothic" in used_fonts(tab, "article p"), "Hangul must come from the book's own web font"


def used_fonts(tab, selector: str) -> set[str]:
    """Web fonts the browser really drew the first ``selector`` element's own text with."""
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"] for f in fonts if f.get("isCustomFont")}
