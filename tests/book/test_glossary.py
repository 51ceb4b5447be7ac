"""Every glossary term gives its English in parentheses where the book first uses it.

Reads the sources, no build: the ``{glossary}`` directive of book/summary.md and
the chapters in the reading order of ``_toc.yml`` (root first).  The prose of a
chapter is its text without front matter, code cells (a figure caption in a
cell's metadata is prose and kept), headings, other fenced code, math,
directive options and the glossary itself; MyST roles are reduced to their text
({term}`기울기` -> 기울기).  For each Korean term, its first use there must be
followed, after at most a particle or the rest of a compound, by a parenthesis
that holds one of the English names of its glossary entry.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HANGUL = re.compile(r"[가-힣]")
#: What may stand between a term and its parenthesis: a particle or the rest of a compound (학습률'을', 기울기'의').
GAP = r"[가-힣]{0,4}"
#: Fenced blocks whose body is not prose (the glossary is checked against the prose, not against itself).
NOT_PROSE = {"code-cell", "code", "code-block", "math", "glossary", "bibliography", "eval-rst", "python"}


def reading_order(toc_path: Path = ROOT / "_toc.yml") -> list[Path]:
    """The book's source files in the order a reader meets them: the root, then every entry of the parts."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return [toc_path.parent / f"{name}.md" for name in files]


def glossary_block(source: str) -> str:
    """The body of the ``{glossary}`` directive (its options dropped)."""
    match = re.search(r"^(`{3,}|:{3,})\{glossary\}[^\n]*\n(.*?)^\1\s*$", source, re.S | re.M)
    assert match, "no {glossary} directive found"
    return "\n".join(line for line in match.group(2).splitlines() if not re.match(r":\w[\w-]*:", line))


def parse_glossary(body: str) -> list[tuple[list[str], list[str]]]:
    """The entries of a glossary body: (Korean names, English names) per group of term lines.

    A group is one or more unindented term lines followed by indented definition lines; a term
    line with Hangul in it is a Korean name, any other an English one.
    """
    entries: list[tuple[list[str], list[str]]] = []
    terms: list[str] = []
    for line in body.splitlines():
        if not line.strip():
            continue
        if line[0].isspace():  # a definition line closes the group of terms above it
            if terms:
                entries.append(([t for t in terms if HANGUL.search(t)], [t for t in terms if not HANGUL.search(t)]))
                terms = []
        else:
            terms.append(line.strip())
    assert not terms, f"glossary terms without a definition: {terms}"
    return entries


def strip_roles(text: str) -> str:
    """MyST roles reduced to their text: {term}`기울기` -> 기울기, {term}`글 <target>` -> 글."""
    text = re.sub(r"\{[\w:.-]+\}`([^`]*?)\s*<[^`>]*>`", r"\1", text)
    return re.sub(r"\{[\w:.-]+\}`([^`]*)`", r"\1", text)


def prose(source: str) -> str:
    """The text a reader reads as prose, with roles reduced to their text and math removed."""
    source = re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.S)  # front matter
    out: list[str] = []
    fence: str | None = None  # the closing fence of the block we are in
    keep = True  # whether the current block's body is prose
    for line in source.splitlines():
        opening = re.match(r"^\s*(`{3,}|:{3,})\s*\{?([\w:-]*)\}?(.*)$", line)
        if fence is not None and line.strip() == fence:
            fence, keep = None, True
            continue
        if fence is None and opening and line.strip() != opening.group(1):
            fence = opening.group(1)
            name = opening.group(2)
            keep = name not in NOT_PROSE
            out.append(opening.group(3))  # a directive's argument (admonition title, table caption) is prose
            continue
        if fence is None and opening:  # a bare fence opens a plain code block
            fence, keep = opening.group(1), False
            continue
        caption = re.match(r"^:\s*caption:\s*(.*)$", line)
        if caption:  # a figure caption in a code cell's metadata
            out.append(caption.group(1))
            continue
        if not keep or re.match(r"^\s*:[\w-]*:", line) or re.match(r"^\(\S+\)=\s*$", line):
            continue
        if line.startswith("#"):  # a heading names the chapter; the English goes with the first use in the text
            continue
        out.append(line)
    text = "\n".join(out)
    text = re.sub(r"\$\$.*?\$\$(?:\s*\([\w-]+\))?", " ", text, flags=re.S)  # displayed math and its label
    text = re.sub(r"\{math\}`[^`]*`", " ", text)
    text = re.sub(r"(?<!\\)\$[^$\n]+?\$", " ", text)  # inline math
    text = strip_roles(text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link by its text
    return text.replace("**", "").replace("__", "")


def first_use(text: str, term: str, longer: list[str]) -> int | None:
    """Where ``term`` is first used as a word of its own (not inside a longer glossary term), or None."""
    for match in re.finditer(rf"(?<![가-힣]){re.escape(term)}", text):
        start = match.start()
        inside = False
        for other in longer:
            offset = other.find(term)
            while offset >= 0:
                if start - offset >= 0 and text.startswith(other, start - offset):
                    inside = True
                offset = other.find(term, offset + 1)
        if not inside:
            return start
    return None


def glossed(text: str, start: int, term: str, english: list[str]) -> bool:
    """Whether an English name stands in parentheses right after the term (a particle or compound rest between)."""
    after = re.match(rf"{GAP}\(([^()]*)\)", text[start + len(term):])
    if not after:
        return False
    names = {name.casefold() for name in english}
    items = [item.strip().casefold() for item in re.split(r"[,;]", after.group(1))]
    return any(item in names for item in items)


def check(chapters: list[tuple[str, str]], entries: list[tuple[list[str], list[str]]]) -> list[str]:
    """The terms whose first use in ``chapters`` (name, prose) lacks its English, or that are never used."""
    korean = [term for names, _ in entries for term in names]
    failures = []
    for names, english in entries:
        for term in names:
            longer = [other for other in korean if other != term and term in other]
            for chapter, text in chapters:
                start = first_use(text, term, longer)
                if start is not None:
                    if not glossed(text, start, term, english):
                        context = text[max(0, start - 15): start + len(term) + 30].replace("\n", " ")
                        failures.append(f"{chapter}: {term} ({' / '.join(english)}) first used without it: …{context}…")
                    break
            else:
                failures.append(f"{term}: in the glossary but never used in the prose")
    return failures


def test_reading_order_starts_at_the_root_and_follows_the_toc():
    order = [path.relative_to(ROOT).as_posix() for path in reading_order()]
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert order[0] == f"{toc['root']}.md"
    assert "book/summary.md" in order and all((ROOT / name).exists() for name in order)


def test_every_glossary_term_gives_its_english_at_its_first_use():
    entries = parse_glossary(glossary_block((ROOT / "book" / "summary.md").read_text(encoding="utf-8")))
    assert len(entries) > 20 and all(names and english for names, english in entries)
    chapters = [(path.stem, prose(path.read_text(encoding="utf-8"))) for path in reading_order()]
    failures = check(chapters, entries)
    assert not failures, "\n".join(["glossary terms without their English at first use:", *failures])


FIXTURE = """---
title: x
---
# 경사 하강법

경사 하강법(gradient descent)은 방법이다.

```{code-cell} ipython3
learning_rate = 0.1  # 학습률 in a comment is not prose
```

이 장은 $\\alpha$를 {term}`학습률`이라 부른다. 나중에야 학습률(learning rate)을 쓴다.
확률적 경사 하강법(stochastic gradient descent, SGD)도 있다.

```{glossary}
경사 하강법
gradient descent
  정의.

학습률
learning rate
  정의.

확률적 경사 하강법
SGD
stochastic gradient descent
  정의.
```
"""


def test_the_checker_catches_a_term_first_used_without_its_english():
    entries = parse_glossary(glossary_block(FIXTURE))
    assert entries == [
        (["경사 하강법"], ["gradient descent"]),
        (["학습률"], ["learning rate"]),
        (["확률적 경사 하강법"], ["SGD", "stochastic gradient descent"]),
    ]
    text = prose(FIXTURE)
    assert "learning_rate" not in text and "정의." not in text and "alpha" not in text
    failures = check([("fixture", text)], entries)
    # 학습률 is first used (through a role) without English; the later glossed use does not count.
    assert len(failures) == 1 and failures[0].startswith("fixture: 학습률")
    # Glossed there, it passes; a term used nowhere fails.
    fixed = text.replace("{term}`학습률`이라", "학습률(learning rate)이라").replace("학습률이라", "학습률(learning rate)이라")
    assert check([("fixture", fixed)], entries) == []
    assert check([("fixture", "없다.")], entries[:1]) == ["경사 하강법: in the glossary but never used in the prose"]
