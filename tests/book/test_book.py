"""The built book: glued numbers are the computed ones, figures are vector images, MathJax is self-hosted."""

import re
from pathlib import Path

import numpy as np

import descent

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
    assert len(re.findall(r'<img [^>]*loading="lazy"', html)) == len(figures)  # the text first (_ext/book_theme)
    for src in figures:
        assert (book_html / "book" / src).resolve().is_file()


def test_mathjax_is_served_by_the_site(book_html: Path):
    html = (book_html / "book" / "linear-regression.html").read_text(encoding="utf-8")
    (src,) = re.findall(r'"([^"]*mathjax/startup\.js[^"]*)"', html)  # loaded after the first paint (_ext/book_theme)
    assert not src.startswith(("http:", "https:", "//"))
    # the components its configuration loads, and their fonts
    for part in ("startup.js", "core.js", "input/tex.js", "output/chtml.js", "a11y/assistive-mml.js"):
        assert (book_html / "_static" / "mathjax" / part).is_file(), part
    assert re.search(r'"loader": \{"load": \["input/tex", "output/chtml", "a11y/assistive-mml"\]\}', html)
    assert list((book_html / "_static" / "mathjax" / "output" / "chtml" / "fonts").rglob("*.woff"))
    assert not re.search(r'(src|href)="(https?:)?//[^"]*mathjax', html, re.I)


def test_no_build_date_in_pages(book_html: Path):
    for page in PAGES:
        assert "마지막 업데이트" not in (book_html / page).read_text(encoding="utf-8")
