"""Korean in the book's search: the splitter and stemmer, their JavaScript twin, and real queries."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from bookbuild.search import KEEP, SearchKorean
from browser import html_pages

LANG = SearchKorean({})


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("경사하강법을", "경사하강법"),  # object particle
        ("학습률이", "학습률"),  # subject particle
        ("학습률이다", "학습률"),  # copula
        ("데이터에서는", "데이터"),  # stacked particles
        ("하강법이란", "하강법"),
        ("수렴한다", "수렴"),  # 하다 verb
        ("최소화된다", "최소화"),  # 되다 verb
        ("모델들의", "모델"),  # plural, then genitive
        ("결과가", "결과"),  # a noun that ends like a particle stays whole
        ("정의를", "정의"),
        ("속도", "속도"),
        ("MSE를", "mse"),  # particle after a Latin word, then lower case
        ("gradients", "gradient"),  # Porter for words without Hangul
        ("을", "을"),  # never stemmed to nothing
    ],
)
def test_stemmer_strips_particles_and_endings(word, stem):
    assert LANG.stem(word) == stem


def test_stemming_twice_changes_nothing():
    # The index stems the words the splitter returns, some of them stems already.
    text = "확률적 경사 하강법을 쓰면 학습률이 중요하다. 결과가 수렴하는지 보자. 정의의 길이를"
    for term in LANG.split(text):
        assert LANG.stem(LANG.stem(term)) == LANG.stem(term)


def test_kept_nouns_are_their_own_stems():
    assert all(LANG.stem(noun) == noun for noun in KEEP)


def test_splitter_indexes_spaced_compounds_as_one_word():
    terms = {LANG.stem(t) for t in LANG.split("확률적 경사 하강법을 쓰면 학습률이 중요하다.")}
    assert {"확률적", "경사", "하강법", "경사하강법", "확률적경사하강법"} <= terms
    # A word with a particle ends the compound; punctuation separates words.
    assert "학습률중요" not in terms
    assert not any(t.startswith("하강법") and t != "하강법" for t in terms)


def test_splitter_indexes_two_syllable_pieces_of_long_words():
    terms = set(LANG.split("학습률이 낮으면"))
    assert {"학습", "습률"} <= terms
    assert "률이" not in terms  # pieces come from the stem, not from the particle


def test_particles_alone_are_not_indexed():
    assert not LANG.word_filter(LANG.stem("을"))
    assert LANG.word_filter(LANG.stem("경사"))


def test_query_words_are_the_words_of_the_index():
    text = "비용 함수(cost function)를 θ에 대해 미분한다: J(θ)=1/2m·Σ"
    assert LANG.words(text) == ["비용", "함수", "cost", "function", "를", "θ에", "대해", "미분한다", "J", "θ", "1", "2m", "Σ"]


# ---------------------------------------------------------------- in the browser


def search(chromium, site: str, query: str) -> list[str]:
    """The pages the book's search page lists for ``query``, best first."""
    tab = chromium.new_page()
    try:
        tab.goto(f"{site}search.html?q={quote(query)}")
        tab.wait_for_function("() => document.querySelector('#search-results .search-summary')?.innerText")
        hrefs = tab.eval_on_selector_all("#search-results ul.search li > a", "links => links.map(a => a.href)")
    finally:
        tab.close()
    return [href.removeprefix(site).split("#")[0].split("?")[0].removesuffix(".html") for href in hrefs]


@pytest.mark.parametrize(
    ("query", "page", "within"),
    [
        ("학습률이", "book/learning-rate", 3),  # particle attached
        ("학습률", "book/learning-rate", 2),  # the glossary's entry for the term may come first
        ("비용함수의", "book/cost-function", 3),  # unspaced compound + particle; the title is spaced
        ("비용 함수", "book/cost-function", 3),  # spaced
        ("선형회귀를", "book/linear-regression", 3),
        ("경사하강법을", "book/what-is-gd", 5),  # every chapter says 경사 하강법; the title wins
        ("경사 하강법이란", "book/what-is-gd", 5),
        ("정규방정식과", "book/linear-regression", 3),  # a compound in the running text
    ],
)
def test_search_finds_the_chapter(chromium, site, query, page, within):
    results = search(chromium, site, query)
    assert page in results[:within], f"{query!r}: {results}"


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("확률적 경사 하강법", "book/variants"),  # a section title there; the summary's glossary names it too
        ("SGD", "book/variants"),  # an alias in the same glossary entry
        ("미니배치", "book/variants"),
        ("로지스틱", "book/in-practice"),  # half of the glossary's "로지스틱 회귀"; the API appendix has it too
        ("시그모이드 함수", "book/in-practice"),
        ("경사 하강법", "book/what-is-gd"),  # every chapter says it; the front page's title is the book's
        ("학습률", "book/learning-rate"),
        ("학습률이", "book/learning-rate"),
        ("비용 함수", "book/cost-function"),
        ("정규 방정식", "book/linear-regression"),  # introduced in the cost function, taught here
        ("특성 스케일링", "book/diabetes"),
        ("모멘텀", "book/faster"),
        ("Adam", "book/faster"),
        ("조건수", "book/faster"),
        ("역전파", "book/network"),
        ("순전파", "book/network"),
        ("은닉층", "book/network"),  # introduced in in-practice, taught in the network chapter
    ],
)
def test_the_page_that_teaches_what_a_query_names_comes_first(chromium, site, query, page):
    """A section title or a glossary term ranks the page that teaches it first (bookbuild.search)."""
    results = search(chromium, site, query)
    assert results and results[0] == page, f"{query!r}: {results[:5]}"


def test_search_messages_and_snippets_read_well(book_html, chromium, site):
    """The result page's Korean messages are in the book's font, and snippets are the chapter's text."""
    from test_pages import hangul_font_characters

    tab = chromium.new_page()
    try:
        tab.goto(f"{site}search.html?q={quote('정규방정식과')}")
        tab.wait_for_function("() => document.querySelector('#search-results .search-summary')?.innerText")
        tab.wait_for_function("() => document.querySelector('#search-results ul.search li p.context')")
        status = tab.inner_text("#search-results .search-summary")
        snippet = tab.inner_text("#search-results ul.search li p.context")
        # a word of the chapters' first lines: snippets from the top of the page
        tab.goto(f"{site}search.html?q={quote('확률적')}")
        tab.wait_for_function("() => document.querySelector('#search-results .search-summary')?.innerText")
        tops = tab.locator("#search-results ul.search li p.context").all_inner_texts()
    finally:
        tab.close()
    assert set(re.findall(r"[\uac00-\ud7a3]", status)) <= hangul_font_characters(book_html), status
    assert ".md" not in snippet and re.search(r"[\uac00-\ud7a3]", snippet), snippet
    assert len(tops) >= 3 and not [top for top in tops if "Colab" in top or "내려받기" in top], tops


def test_a_query_is_not_under_the_search_fields_icon(chromium, site):
    """The typed query starts to the right of the magnifying glass (the theme's icon lay over its first letter)."""
    tab = chromium.new_page()
    try:
        tab.goto(f"{site}search.html?q={quote('확률적')}", wait_until="load")
        icon, text_start = tab.evaluate("""() => {
          const form = document.querySelector('#main-content form.bd-search'), input = form.querySelector('input');
          return [form.querySelector('.fa-magnifying-glass').getBoundingClientRect().right,
                  input.getBoundingClientRect().left + parseFloat(getComputedStyle(input).paddingLeft)];
        }""")
    finally:
        tab.close()
    assert icon <= text_start, (icon, text_start)


def test_javascript_and_python_split_and_stem_alike(book_html, chromium, site):
    """The query box (JavaScript) and the index (Python) turn the book's own text into the same terms."""
    tab = chromium.new_page()
    try:
        tab.goto(f"{site}search.html")
        for page in html_pages(book_html):
            text, js_terms = tab.evaluate(
                """async url => {
                  const html = await (await fetch(url)).text();
                  const doc = new DOMParser().parseFromString(html, 'text/html');
                  const text = (doc.querySelector('main') || doc.body).textContent;
                  const stemmer = new Stemmer();
                  return [text, splitQuery(text).map(w => stemmer.stemWord(w.toLowerCase()))];
                }""",
                site + page,
            )
            assert js_terms == [LANG.stem(w) for w in LANG.words(text)], page
    finally:
        tab.close()
