"""What search engines, link previews and lost readers get: language, descriptions, sitemap, 404, icon."""

import re
from html import unescape
from pathlib import Path

import yaml

from browser import html_pages

ROOT = Path(__file__).resolve().parents[2]
BASE_URL = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]


def head(book_html: Path, page: str) -> str:
    return (book_html / page).read_text(encoding="utf-8").split("</head>")[0]


def meta(html: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def test_every_page_is_korean_described_and_has_the_icon(book_html: Path, subtests):
    for page in html_pages(book_html):
        with subtests.test(page=page):
            html = head(book_html, page)
            assert '<html lang="ko"' in html
            assert (meta(html, "name", "description") or "").strip()
            icon = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
            assert icon.endswith("favicon.svg")


def test_chapters_have_link_previews_from_their_own_text(book_html: Path):
    html = head(book_html, "book/linear-regression.html")
    assert meta(html, "property", "og:url") == BASE_URL + "book/linear-regression.html"
    assert meta(html, "property", "og:site_name") == "경사 하강법"
    assert "선형 회귀" in meta(html, "property", "og:title")
    assert meta(html, "property", "og:description") == meta(html, "name", "description")
    assert f'<link rel="canonical" href="{BASE_URL}book/linear-regression.html"' in html


# A particle that never stands alone, set apart from the word it follows.
DETACHED = re.compile(r"[\w)\]′] (?:는|를|을|에서|으로|의)(?=[\s.,]|$)")


def test_descriptions_read_as_the_page_does(book_html: Path, subtests):
    """sphinxext-opengraph wrote "실전 데이터 는" and "학습률(learning rate)\\alpha 는":
    a space between any two pieces of text, and formulas as TeX."""
    for page in sorted((book_html / "book").glob("*.html")):
        with subtests.test(page=page.name):
            html = page.read_text(encoding="utf-8")
            description = unescape(meta(html.split("</head>")[0], "name", "description"))
            assert 40 < len(description) <= 201
            assert "\\" not in description and not DETACHED.search(description), description
            text = unescape(re.sub(r"<[^>]+>", "", html.split("<article", 1)[1]))  # a link and its particle are one word
            for word in re.findall(r"[가-힣]+", description.removesuffix("…"))[:-1]:  # the last may be cut
                assert word in text, (word, description)


def test_formulas_in_descriptions_are_plain_text():
    from bs4 import BeautifulSoup

    from bookbuild.typeset import math_text

    cases = {
        "<mi>θ</mi><mo>←</mo><mi>θ</mi><mo>−</mo><mi>α</mi><mo>\u2062</mo><mi>∇</mi><mi>J</mi>": "θ ← θ − α∇J",
        "<mfrac><mn>1</mn><mrow><mi>x</mi><mo>+</mo><mn>1</mn></mrow></mfrac>": "1/(x + 1)",
        '<mover accent="true"><mi>y</mi><mo>ˆ</mo></mover>': "ŷ",
        "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup><msub><mi>β</mi><mn>1</mn></msub>": "xᵢ²β₁",
        "<msup><mi>W</mi><mrow><mo>[</mo><mi>l</mi><mo>]</mo></mrow></msup>": "W^([l])",
        "<mo>−</mo><msqrt><mi>κ</mi></msqrt>": "−√κ",
        "<msqrt><mrow><mi>κ</mi><mo>+</mo><mn>1</mn></mrow></msqrt>": "√(κ + 1)",
    }
    for mathml, text in cases.items():
        assert math_text(BeautifulSoup(f"<math>{mathml}</math>", "html.parser").math) == text


def test_sitemap_lists_every_chapter_at_the_published_address(book_html: Path):
    sitemap = (book_html / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert all(url.startswith(BASE_URL) for url in urls)
    chapters = {p for p in html_pages(book_html) if p.startswith("book/")}
    assert chapters <= {url.removeprefix(BASE_URL) for url in urls}


def test_site_root_redirects_to_the_first_page_as_a_real_page(book_html: Path):
    html = (book_html / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ko">' in html and "<title>경사 하강법</title>" in html
    assert '<meta http-equiv="refresh" content="0; url=book/index.html" />' in html
    assert (book_html / "book" / "index.html").is_file()


def test_404_page_loads_its_assets_from_the_published_path(book_html: Path):
    html = (book_html / "404.html").read_text(encoding="utf-8")
    assert "페이지를 찾을 수 없습니다" in html
    prefix = "/" + BASE_URL.split("/", 3)[3]  # /gradient-descent/
    assets = re.findall(r'(?:href|src)="([^"#]+\.(?:css|js))', html)
    assert assets and all(url.startswith(prefix) for url in assets)
