"""Korean particles after generated text, chosen by the build.

A glued number, a figure, table or equation number and a section title are
generated when the book is built, so the particle after them cannot be typed
by hand: "그림 1.1는" is wrong, "그림 1.1은" right, and which one is right
depends on how the text is read aloud (1.1 → 일 점 일). The source writes the
alternation right after the role,

    {numref}`fig-x`은(는)    {glue:text}`cost:.2f`(으)로    {eq}`eq-y`을(를)

and this extension replaces it with the form that fits what precedes it.

The choice itself is tossi's (PyPI): it picks the form for a word and reads
numbers aloud to do so (10 → 십 → 이, 1.0336 → …육 → 이, 4,971.3 → …삼 → 으로).
Written here is only what tossi does not do: find the generated text in the
document, read a reference's trailing "(3.1)" as its number, skip a
parenthesised gloss such as "(SGD)", read "%" as 퍼센트 and a power (10¹²,
1e-05) as 제곱, and read Latin and Greek letters and the few English words the
book ends a reference with (``READINGS``).

Two mistakes are build warnings, hence errors under ``-W``:

* a particle typed by hand after generated text ("그림 1.1는", or even a right
  one, which is right only by chance): write the alternation instead;
* a label word typed before a reference that already carries it ("식 {eq}..."
  renders "식 식 (6.1)" since ``math_eqref_format`` says 식).
"""

from __future__ import annotations

import re

import tossi
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The alternations a source may write after generated text: tossi reads each of them.
ALTERNATION = re.compile(r"(?:은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|과\(와\)|와\(과\)|\(으\)로|\(이\))[가-힣]*")
#: A particle typed by hand: the forms that change with the word before them.
TYPED = re.compile(r"(?:으로|로|이|가|은|는|을|를|과|와)(?:서|써|는|도|부터)?(?![가-힣])|(?:이)?(?:다|고|며|나|라)(?![가-힣])")
#: The label words that numbered references already start with (numfig_format, math_eqref_format).
LABELS = ("그림", "표", "코드", "식")

LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [
    "에이", "비", "시", "디", "이", "에프", "지", "에이치", "아이", "제이", "케이", "엘", "엠",
    "엔", "오", "피", "큐", "아르", "에스", "티", "유", "브이", "더블유", "엑스", "와이", "제트"]))
GREEK = {"α": "알파", "β": "베타", "γ": "감마", "ε": "엡실론", "η": "에타", "θ": "세타", "κ": "카파",
         "λ": "람다", "μ": "뮤", "ρ": "로", "σ": "시그마"}
#: English words a reference may end with, as they are read in Korean (외래어 표기법).
READINGS = {"Adam": "애덤", "AdaGrad": "에이다그래드", "RMSProp": "아르엠에스프롭", "Nesterov": "네스테로프",
            "Rosenbrock": "로젠브로크", "Playground": "플레이그라운드", "descent": "디센트", "API": "에이피아이"}


def spoken_tail(text: str) -> str | None:
    """The end of ``text`` as tossi can read it, or None when this module cannot say how it is read."""
    text = text.strip()
    bracket = re.search(r"\(([^()]*)\)$", text)
    if bracket:  # "식 (3.1)" is read by its number; "경사 하강법 (SGD)" by the word before the gloss
        text = bracket.group(1) if re.search(r"\d", bracket.group(1)) else text[: bracket.start()]
    text = text.rstrip(" .,:;'\"’”")
    if text.endswith("%"):
        return "퍼센트"
    if re.search(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]$|\de[+-]?\d+$", text):
        return "제곱"
    if re.search(r"[\d가-힣]$", text):
        return text
    word = re.search(r"[A-Za-z]+$", text)
    if word:
        word = word.group(0)
        if word in READINGS:
            return READINGS[word]
        if word.isupper() or len(word) == 1:
            return "".join(LETTERS[c] for c in word.upper())
        return None
    return GREEK.get(text[-1:]) if text else None


def choose(text: str, particle: str) -> str | None:
    """The form of ``particle`` (any form or an alternation) that fits after ``text``; None if unreadable."""
    tail = spoken_tail(text)
    if tail is None:
        return None
    form = tossi.pick(tail, particle)
    return None if "(" in form else form


def alternation(particle: str) -> str:
    """How the source should write ``particle``: "는" -> "은(는)", "으로서" -> "(으)로서"."""
    for pair in (("은", "는"), ("이", "가"), ("을", "를"), ("과", "와")):
        if particle in pair:
            return f"{pair[0]}({pair[1]})"
    if particle.lstrip("으").startswith("로"):
        return "(으)" + particle.lstrip("으")
    return "(이)" + particle.removeprefix("이")


class particle(nodes.Inline, nodes.TextElement):
    """A particle after generated text, resolved once that text is known (``typed``: written by hand)."""


def _is_generated(node: nodes.Node) -> bool:
    if isinstance(node, addnodes.pending_xref):
        return node.get("reftype") in {"numref", "ref", "eq"}
    return isinstance(node, nodes.inline) and "pasted-text" in node["classes"] or type(node).__name__ == "PendingGlueReference"


class MarkParticles(SphinxTransform):
    """Read time: mark the particle after each generated node, and catch "식 {eq}"."""

    default_priority = 900

    def apply(self, **kwargs) -> None:
        for node in list(self.document.findall(_is_generated)):
            parent = node.parent
            index = parent.index(node)
            before = parent[index - 1] if index else None
            if isinstance(before, nodes.Text) and isinstance(node, addnodes.pending_xref) and node.get("reftype") != "ref":
                label = re.search(r"(\S+)\s*$", before.astext())
                if label and label.group(1) in LABELS:
                    logger.warning(f"'{label.group(1)}' is typed before a reference that already says it "
                                   f"(it would read '{label.group(1)} {label.group(1)} ...'); delete it",
                                   location=node, type="particles", subtype="label")
            after = parent[index + 1] if index + 1 < len(parent) else None
            if not isinstance(after, nodes.Text):
                continue
            rest = after.astext()
            found, typed = ALTERNATION.match(rest), False
            if not found:
                found, typed = TYPED.match(rest), True
            if not found:
                continue
            mark = particle(found.group(0), found.group(0), typed=typed)
            parent.replace(after, [mark, nodes.Text(rest[found.end():])] if found.end() < len(rest) else [mark])


class ChooseParticles(SphinxPostTransform):
    """Write time, after references and glue are resolved: each particle takes the form its text asks for."""

    default_priority = 100  # after the references (10) and cross-document glue (5)

    def run(self, **kwargs) -> None:
        for mark in list(self.document.findall(particle)):
            parent = mark.parent
            index = parent.index(mark)
            text = parent[index - 1].astext() if index else ""
            written = mark.astext()
            form = choose(text, written)
            if form is None:
                logger.warning(f"cannot tell how '{text}' is read aloud, to choose '{written}' after it: "
                               "add its reading to READINGS in bookbuild.particles", location=mark,
                               type="particles", subtype="reading")
                form = written
            elif mark["typed"]:
                fix = alternation(written)
                verdict = "is wrong" if form != written else "is right only by chance"
                logger.warning(f"'{text}{written}': the particle after generated text {verdict} "
                               f"(read aloud it takes '{form}'); write '{fix}' and let the build choose",
                               location=mark, type="particles", subtype="typed")
            parent.replace(mark, nodes.Text(form))


def setup(app: Sphinx) -> dict:
    app.add_node(particle)
    app.add_transform(MarkParticles)
    app.add_post_transform(ChooseParticles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
