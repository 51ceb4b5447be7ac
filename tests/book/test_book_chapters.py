"""Chapters 2-5 of the built book: the numbers in their prose are the ones the package computes."""

import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

import descent
from test_book import text_of


def page_text(book_html: Path, name: str) -> str:
    return text_of((book_html / "book" / f"{name}.html").read_text(encoding="utf-8"))


def parabola_gradient(x):
    """f(x) = ½(2 − 2x)², the classroom notebook's parabola."""
    return 4 * x - 4


@pytest.mark.parametrize("name", ["what-is-gd", "learning-rate", "cost-function", "linear-regression"])
def test_chapter_has_no_unresolved_glue_and_a_solution_per_exercise(book_html: Path, name: str):
    html = (book_html / "book" / f"{name}.html").read_text(encoding="utf-8")
    assert "{glue" not in html
    exercises = set(re.findall(r'<div class="exercise admonition" id="(ex-[^"]+)"', html))
    solved = set(re.findall(r'href="#(ex-[^"]+)"', html))
    assert len(exercises) >= 2 and exercises <= solved


def test_what_is_gd_numbers(book_html: Path):
    text = page_text(book_html, "what-is-gd")
    run = descent.gradient_descent(parabola_gradient, 3.0, learning_rate=0.1, n_steps=8)
    assert f"{run.x:.4f}" in text
    assert f"{-0.1 * parabola_gradient(3.0):g}" in text  # the first step, worked by hand in the prose


def test_learning_rate_numbers(book_html: Path):
    text = page_text(book_html, "learning-rate")
    seed = descent.gradient_descent(parabola_gradient, 3.0, learning_rate=0.01, n_steps=50)
    assert f"{seed.x:.4f}" in text  # the classroom demo, alpha = 0.01 for 50 steps
    for lr in (0.01, 0.1, 0.45, 0.55):
        assert f"{descent.gradient_descent(parabola_gradient, 3.0, learning_rate=lr, n_steps=10).x:.4f}" in text
    assert re.search(r"\b0\.5\s*보다 작아야 한다", text)  # 2 / L with L = f'' = 4
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", descent.DivergenceWarning)
        blown = descent.gradient_descent(parabola_gradient, 3.0, learning_rate=0.75, n_steps=100)
    assert re.search(rf"\b{blown.diverged_at}\s*번째 갱신에서 멈추었다", text)
    assert "10¹²" in text


def test_cost_function_numbers(book_html: Path):
    text = page_text(book_html, "cost-function")
    x = np.linspace(-1, 1, 5)
    X_b = descent.add_intercept(x)
    slow = descent.linear_regression_gd(X_b, x, [-2.5, -2.0], learning_rate=0.5, n_epochs=20)
    assert f"{np.linalg.norm(slow.theta - [0.0, 1.0]):.4f}" in text
    assert re.search(r"\b25\s*배", text)  # (1/2*m) / (1/(2m)) = m² for m = 5


def test_linear_regression_table_matches_the_oracles(book_html: Path):
    text = page_text(book_html, "linear-regression")
    X, y, theta0 = descent.make_linear_data()
    X_b = descent.add_intercept(X)
    sk = LinearRegression().fit(X, y)
    rows = [
        descent.linear_regression_gd(X_b, y, theta0, learning_rate=0.1, n_epochs=100).theta,
        descent.linear_regression_gd(X_b, y, theta0, learning_rate=0.1, n_epochs=1000).theta,
        np.linalg.lstsq(X_b, y, rcond=None)[0],
        [sk.intercept_, sk.coef_[0]],
    ]
    for theta in rows:
        for value in (*theta, descent.mse_cost(X_b, y, theta)):
            assert f"{value:.6f}" in text
