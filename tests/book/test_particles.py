"""Korean particles after generated text: the reading of numbers and labels (bookbuild.particles),
and a fixture book in which each rule is broken once, which the strict build refuses."""

import re

import pytest

from bookbuild import build as build_book
from bookbuild.particles import alternation, choose
from books import cell, make_book


@pytest.mark.parametrize(
    "text, particle, expected",
    [
        ("3", "(으)로", "으로"),  # 삼
        ("4,971.3", "(으)로", "으로"),  # ... 점 삼
        ("0.00226", "(으)로", "으로"),  # ... 이 육
        ("321.43", "을(를)", "을"),  # ... 사 삼
        ("7", "(으)로", "로"),  # 칠: ㄹ takes 로
        ("5.1", "과(와)", "과"),  # 오 점 일
        ("10", "이(가)", "이"),  # 십
        ("100", "이(가)", "이"),  # 백
        ("1,000", "은(는)", "은"),  # 천
        ("1.0336", "이(가)", "이"),  # ... 삼 육
        ("2", "이(가)", "가"),  # 이
        ("12.5%", "을(를)", "를"),  # 퍼센트
        ("2.2 × 10¹²", "(이)다", "이다"),  # ... 제곱
        ("그림 1.1", "은(는)", "은"),
        ("표 5.1", "은(는)", "은"),
        ("식 (3.1)", "을(를)", "을"),  # the number in the brackets is read
        ("식 (3.2)", "와(과)", "와"),
        ("식 (7.3)", "을(를)", "을"),
        ("경사 하강법이란", "(이)가", "이"),  # a chapter title
        ("실습: 선형 회귀", "은(는)", "는"),
        ("확률적 경사 하강법 (SGD)", "은(는)", "은"),  # a gloss in brackets is not read
        ("Adam", "과(와)", "과"),  # 애덤
        ("SGD", "(으)로", "로"),  # 에스지디
        ("MSE", "을(를)", "를"),
    ],
)
def test_the_particle_fits_how_the_text_is_read_aloud(text, particle, expected):
    assert choose(text, particle) == expected


def test_an_unreadable_word_is_said_to_be_unreadable():
    assert choose("Gradient Descentish", "은(는)") is None  # not in READINGS: the build asks for a reading


@pytest.mark.parametrize("typed, written", [("는", "은(는)"), ("가", "이(가)"), ("를", "을(를)"), ("와", "과(와)"),
                                            ("로", "(으)로"), ("으로서", "(으)로서"), ("이다", "(이)다")])
def test_a_typed_particle_is_answered_with_its_alternation(typed, written):
    assert alternation(typed) == written


def test_the_build_chooses_particles_and_refuses_each_mistake(tmp_path):
    glue = cell("from myst_nb import glue\nglue('three', 3, display=False)\nglue('ten', 10, display=False)")
    good = glue + """
(sec-sgd)=
## 확률적 경사 하강법

$$ x = 1 $$ (eq-one)

값은 {glue:text}`three`(으)로 바뀌고 {glue:text}`ten`(이)가 된다. {eq}`eq-one`을(를) 보라. {ref}`sec-sgd`은(는) 절이다.
"""
    (tmp_path / "good").mkdir()
    book = make_book(tmp_path / "good", {"index": "# 시작\n\n" + good})
    result = build_book.build(source=book, capture=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = re.sub(r"<[^>]+>", "", (book / "_build" / "html" / "index.html").read_text(encoding="utf-8"))
    assert "값은 3으로 바뀌고 10이 된다." in text
    assert re.search(r"\(1\)을 보라", text) and "확률적 경사 하강법은 절이다" in text

    bad = glue + """
$$ x = 1 $$ (eq-one)

{glue:text}`three`로 틀리고, {glue:text}`ten`이 맞아도 손으로 썼고, 식 {eq}`eq-one`을(를) 본다.
"""
    (tmp_path / "bad").mkdir()
    book = make_book(tmp_path / "bad", {"index": "# 시작\n\n" + bad})
    result = build_book.build(source=book, capture=True)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "'3로': the particle after generated text is wrong (read aloud it takes '으로'); write '(으)로'" in log
    assert "'10이': the particle after generated text is right only by chance" in log
    assert "'식' is typed before a reference that already says it" in log
