"""Korean for Sphinx's built-in search (a local Sphinx extension).

Sphinx has no Korean language: it would index ``경사하강법을`` as one English
"word", so neither ``경사 하강법`` nor ``하강법`` finds it. Korean writes a noun
and its particles (조사) as one spaced unit (어절), and writes compounds both
spaced and unspaced (``경사 하강법`` / ``경사하강법``). This language:

* splits text into words exactly as the query box does (runs of letters,
  digits and ``_``), in Python for the index and in JavaScript for the query;
* stems a word by stripping common particles and 하다/되다 verb endings from its
  end, repeatedly (``경사하강법을`` -> ``경사하강법``, ``학습률이다`` -> ``학습률``),
  never below one syllable and never inside a listed noun that merely ends like
  a particle (``결과``, ``정의``, ``증가``); words without Hangul get Sphinx's
  English (Porter) stemmer, so ``gradients`` finds ``gradient``;
* indexes, besides each word, the space-joined compounds of up to three
  adjacent Hangul words (``경사 하강법`` is also found as ``경사하강법``), and the
  two-syllable pieces of longer words (``학습`` finds ``학습률``; a spaced query
  finds an unspaced compound). Queries longer than two characters also match
  inside indexed terms (Sphinx's partial matching).

Ranking: Sphinx ranks a glossary entry (index score 100) above a section
title (at most 16), so "확률적 경사 하강법" listed the summary's glossary first
and the chapter that teaches it second. ``search-rank.js`` (written after the
build, loaded by the search page only) puts first the page that teaches what
the query names (:func:`teaching_pages`): a section title, or a part of one
before or after its colon (``모멘텀: 속도를 가진 공``); a glossary term, taught
where a section title holds it, else where the prose first writes it with its
English in parentheses; or any term the prose introduces that way
(``은닉층(hidden layer)``). A query names a key when the two are equal once
split and stemmed as above, or when it is at least half of the key
(``로지스틱`` names ``로지스틱 회귀``); then the shortest such key.

The particle lists are written once, here, and embedded in the JavaScript, so
the index and the query box stem alike (``tests/book/test_korean_search.py`` runs
both on the book's own text).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from docutils import nodes

import snowballstemmer
import sphinx
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage
from sphinx.search.en import english_stopwords

# Endings stripped from the end of a word, longest first. Particles (조사),
# the copula (이다) and the endings of 하다/되다/시키다 verbs formed from nouns.
ENDINGS = sorted(
    """
    에서부터 으로부터 이라는 이라고 입니다 합니다 됩니다 시킨다 시키는 시키면 하였다 되었다
    에서는 에서도 에서의 에게서 으로는 으로도 으로서 으로써 으로의 까지는 부터는 보다는 처럼
    에서 에게 에는 에도 에의 로서 로써 로는 로도 로의 와의 과의 와는 과는 와도 과도
    까지 부터 보다 만큼 마다 조차 밖에 이나 이란 라는 이며 이고 이다 이면 이든 든지 으로 한테 께서 에선
    하다 되다 한다 했다 하는 하면 하고 하여 해서 하지 하며 하게 해야 하기 된다 됐다 되는 되면 되고 되어 되지 시켜
    은 는 이 가 을 를 의 에 와 과 도 로 들 란
    """.split(),
    key=len,
    reverse=True,
)
# Nouns that end like a particle but are whole words: stemming stops at them.
KEEP = frozenset(
    """
    결과 효과 통과 초과 정의 주의 임의 의의 논의 합의 회의
    증가 추가 평가 단가 대가 차이 길이 사이 높이 넓이 깊이 나이
    속도 각도 정도 온도 밀도 강도 빈도 척도 고도 용도 지도 정확도 복잡도 유사도 민감도 신뢰도
    경로 회로 도로 진로 기로 제한 무한 유한 역할
    """.split()
)
# Particles standing alone (after inline markup, e.g. "**경사 하강법** 을") and a few
# function words: not worth an index entry.
KOREAN_STOPWORDS = frozenset("은 는 이 가 을 를 의 에 와 과 도 로 으로 에서 및 등 것 수 그 또 더".split())

WORD = re.compile(r"\w+")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
MAX_COMPOUND = 3  # words joined into one compound term

SPHINX_JS = Path(sphinx.package_dir) / "search" / "minified-js"

JS_KOREAN = """
/** Korean stemmer (the book's bookbuild/search.py): particles and endings off,
 * then Porter for words without Hangul. */
var Stemmer = function () {
  const endings = %(endings)s;
  const keep = new Set(%(keep)s);
  const hangul = /[\\uac00-\\ud7a3]/;
  const porter = new PorterStemmer();
  this.stemWord = function (word) {
    word = word.toLowerCase();
    let stripped = true;
    while (stripped && !keep.has(word)) {
      stripped = false;
      for (const ending of endings) {
        if (word.length > ending.length && word.endsWith(ending)) {
          word = word.slice(0, -ending.length);
          stripped = true;
          break;
        }
      }
    }
    return hangul.test(word) ? word : porter.stemWord(word);
  };
};
"""

# Same words as Python's re ``\\w+`` on the text Korean and English books contain.
JS_SPLITTER = r"""
function splitQuery(query) {
  return query.match(/[\p{L}\p{N}_]+/gu) || [];
}
"""


@functools.lru_cache(maxsize=None)  # the index asks for every word of every page: 113,000 calls, most of them repeats
def strip_endings(word: str) -> str:
    """``word`` lower-cased, without its particles and verb endings (Hangul only)."""
    word = word.lower()
    stripped = True
    while stripped and word not in KEEP:
        stripped = False
        for ending in ENDINGS:
            if len(word) > len(ending) and word.endswith(ending):
                word = word[: -len(ending)]
                stripped = True
                break
    return word


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"
    stopwords = set(english_stopwords) | KOREAN_STOPWORDS
    js_splitter_code = JS_SPLITTER
    js_stemmer_code = "\n".join(
        [
            (SPHINX_JS / "base-stemmer.js").read_text(encoding="utf-8"),
            (SPHINX_JS / "porter-stemmer.js").read_text(encoding="utf-8"),
            JS_KOREAN % {"endings": json.dumps(ENDINGS, ensure_ascii=False),
                         "keep": json.dumps(sorted(KEEP), ensure_ascii=False)},
        ]
    )

    def init(self, options: dict[str, str]) -> None:
        self.porter = snowballstemmer.stemmer("porter")

    def words(self, text: str) -> list[str]:
        """The words of ``text`` as the query box splits a query."""
        return WORD.findall(text)

    def stem(self, word: str) -> str:
        word = strip_endings(word)
        return word if HANGUL.search(word) else self.porter.stemWord(word)

    def split(self, text: str) -> list[str]:
        """Words, plus compounds of adjacent Hangul words and pieces of long ones (for the index)."""
        matches = list(WORD.finditer(text))
        terms = [m.group() for m in matches]
        return terms + self._compounds(matches, text) + self._pieces(terms)

    def _compounds(self, matches: list[re.Match], text: str) -> list[str]:
        compounds = []
        for i in range(len(matches)):
            parts = [matches[i].group()]
            for j in range(i + 1, min(i + MAX_COMPOUND, len(matches))):
                previous, current = matches[j - 1], matches[j]
                word = previous.group().lower()
                bare = strip_endings(word) == word and word not in KOREAN_STOPWORDS
                spaced = text[previous.end() : current.start()].isspace()
                if not (bare and spaced and HANGUL.search(word) and HANGUL.search(current.group())):
                    break
                parts.append(current.group())
                compounds.append("".join(parts))
        return compounds

    def _pieces(self, words: list[str]) -> list[str]:
        pieces = []
        for word in words:
            stem = strip_endings(word)
            if len(stem) < 3:
                continue
            for k in range(len(stem) - 1):
                piece = stem[k : k + 2]
                # Only pieces that are all Hangul and that stemming leaves alone.
                if len(HANGUL.findall(piece)) == 2 and strip_endings(piece) == piece:
                    pieces.append(piece)
        return pieces

    def word_filter(self, word: str) -> bool:
        return bool(word) and word not in self.stopwords


def search_key(text: str) -> str:
    """``text`` as the ranking compares it: its words, stemmed, joined (the JavaScript twin is in ``RANK_JS``)."""
    language = SearchKorean({})
    return "".join(language.stem(word) for word in language.words(text))


# "은닉층(hidden layer)": up to three Hangul words, then their English in parentheses.
INTRODUCED = re.compile(r"((?:[\uac00-\ud7a3]+ ){0,2}[\uac00-\ud7a3]+)\(([A-Za-z][A-Za-z -]*)[,)]")


def _document_order(env) -> list[str]:
    order: list[str] = []

    def visit(docname: str) -> None:
        if docname not in order:
            order.append(docname)
            for child in env.toctree_includes.get(docname, []):
                visit(child)

    visit(env.config.root_doc)
    return order + sorted(set(env.found_docs) - set(order))


def teaching_pages(env) -> dict[str, list[str]]:
    """Search key -> [page, anchor] of the page that teaches it (see the module's docstring)."""
    from sphinx import addnodes

    order = _document_order(env)
    headings: list[tuple[str, str, str]] = []  # (key, page, anchor) in reading order
    glossary: list[list[str]] = []  # the terms of each entry (a term and its aliases)
    introduced: dict[str, str] = {}  # key -> the words as the prose writes them, in reading order
    prose: dict[str, str] = {}  # the pages that teach: not the front page, the glossary or the API reference
    for docname in order:
        doctree = env.get_doctree(docname)
        glossaries = list(doctree.findall(addnodes.glossary))
        for glossary_node in glossaries:
            glossary += [[term.astext() for term in item.findall(nodes.term)]
                         for item in glossary_node.findall(nodes.definition_list_item)]
        if docname == env.config.root_doc or glossaries or any(True for _ in doctree.findall(addnodes.desc)):
            continue
        for section in doctree.findall(nodes.section):
            if not (section.children and isinstance(section[0], nodes.title)):
                continue
            title = section[0].astext()
            anchor = "#" + section["ids"][0] if section["ids"] and section.parent is not doctree else ""
            for part in dict.fromkeys([title, *title.split(":")]):
                if search_key(part):
                    headings.append((search_key(part), docname, anchor))
        text = " ".join(p.astext() for p in doctree.findall(nodes.paragraph))
        prose[docname] = text
        for korean, english in INTRODUCED.findall(text):
            words = korean.split()
            for k in range(len(words)):
                introduced.setdefault(search_key(" ".join(words[k:])), " ".join(words[k:]))

    def introducing(words: str) -> list[str] | None:
        """The page that introduces ``words`` (writes them with their English in parentheses)
        and uses them most; the earliest such page on a tie."""
        pages = [d for d in prose if re.search(re.escape(words) + r"\s*\(", prose[d])]
        return [max(pages, key=lambda d: (prose[d].count(words), -order.index(d))), ""] if pages else None

    teaches: dict[str, list[str]] = {}
    for terms in glossary:  # a section of that name, else where it is introduced, else a section that names it
        keys = [search_key(term) for term in terms]
        found = (next(([d, a] for key in keys for k, d, a in headings if k == key), None)
                 or next((page for term in terms if (page := introducing(term))), None)
                 or next(([d, a] for key in keys for k, d, a in headings if key and key in k), None))
        for key in keys:
            if key and found:
                teaches.setdefault(key, found)
    for key, docname, anchor in headings:
        teaches.setdefault(key, [docname, anchor])
    for key, words in introduced.items():
        if key and key not in teaches and (page := introducing(words)):
            teaches[key] = page
    return dict(sorted(teaches.items()))


RANK_JS = """/* Written by bookbuild.search: the page that teaches what a query names comes first. */
(() => {
  const TEACHES = %(teaches)s;
  const stemmer = new Stemmer();
  const key = text => splitQuery(text).map(word => stemmer.stemWord(word.toLowerCase())).join("");
  const query = key(new URLSearchParams(location.search).get("q") || "");
  let target = TEACHES[query];
  if (!target && query.length > 1) {
    const named = Object.keys(TEACHES).filter(k => k.includes(query) && 2 * query.length >= k.length);
    named.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    target = named.length ? TEACHES[named[0]] : undefined;
  }
  if (!target) return;
  const [page, anchor] = target;
  Scorer.score = ([docname, title, found, descr, score]) =>
    docname === page ? score + 1000 + (found === anchor ? 1 : 0) : score;
})();
"""


def _rank_on_search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename == "search" and app.builder.format == "html" and app.builder.search:
        app.add_js_file("search-rank.js", priority=900, defer="defer")  # after searchtools.js, before it searches


def _write_ranking(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.format != "html" or not app.builder.search:
        return
    teaches = json.dumps(teaching_pages(app.env), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    target = Path(app.outdir, "_static", "search-rank.js")
    text = RANK_JS % {"teaches": teaches}
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_search_language(SearchKorean)
    app.connect("html-page-context", _rank_on_search_page)
    app.connect("build-finished", _write_ranking)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
