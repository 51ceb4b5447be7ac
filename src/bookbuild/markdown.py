"""MyST Markdown as plain Markdown that Jupyter and Colab render, numbered as in the book.

The conversion of a chapter into notebook cells is myst-nb's own reader
(``myst_nb.core.read``, the one the book's build runs, so a notebook has
exactly the cells the book executes; jupytext's MyST reader gives the same
cells for every chapter). No library then turns a Markdown cell's MyST into
what a reader without Sphinx can read: jupytext and myst-nb leave
``{glue:text}`cost``, ``{eq}`eq-cost``` and ``:::{exercise}`` fences as they
are, which Colab shows as raw text and code blocks. sphinx-tojupyter
(QuantEcon) renders from a full Sphinx build, with about forty more packages
(dask, jupyter_server, nbdime, GitPython) for the notebooks of eight
chapters. So this module does the cleanup by hand:

* labels go; ``{eq}``/``{numref}``/``{ref}``/``{cite}`` become the text the
  book prints (its numbers, computed from ``_toc.yml`` as Sphinx numbers them,
  and tested against the built pages);
* admonitions and exercises become quotes with a bold title, in the book's
  language; figure and table captions keep their numbers; a ``list-table``
  becomes a pipe table; a glossary a list; a bibliography the entries cited;
* a glued value is named in code font (``notebooks.py`` makes the cell that
  computes it print it).
"""

from __future__ import annotations

import gettext
import posixpath
import re
import subprocess
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Callable
from urllib.parse import quote

import nbformat
import yaml
from myst_nb.core.read import is_myst_markdown_notebook, read_myst_markdown_notebook
from myst_parser.config.main import MdParserConfig

from .particles import ALTERNATION, choose

NOTEBOOK_DIR = "notebooks"
COLAB = "https://colab.research.google.com/github"
#: What a notebook's pin follows: the package's code and its metadata (dependencies).
PACKAGE_PATHS = ("src/descent", "pyproject.toml")


def git(root: Path, *args: str) -> str | None:
    """``git args`` run in ``root``: its output, or None without git or outside a repository."""
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except OSError:
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def package_commit(root: Path) -> str | None:
    """The commit of the last change to the package (``PACKAGE_PATHS``): what notebooks pin.

    None when it cannot be known: no package here (a fixture book), no git, or
    a shallow clone, whose oldest commit seems to change every file (CI must
    check out the whole history).
    """
    if not (root / PACKAGE_PATHS[0]).is_dir() or git(root, "rev-parse", "--is-shallow-repository") != "false":
        return None
    return git(root, "log", "-1", "--format=%H", "--", *PACKAGE_PATHS) or None


def pinned_versions(root: Path) -> list[str]:
    """``name==version`` of each dependency of the package, as ``requirements.txt`` pins it
    (the versions the book was built and its notebooks executed with)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        lines = (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, KeyError):
        return []
    pins = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if "==" in line:
            requirement = Requirement(line)
            pins[canonicalize_name(requirement.name)] = str(requirement.specifier).removeprefix("==")
    found = []
    for dependency in project.get("dependencies", []):
        name = canonicalize_name(Requirement(dependency).name)
        if name not in pins:
            raise ValueError(f"requirements.txt does not pin {name}, a dependency of the package (make lock)")
        found.append(f"{name}=={pins[name]}")
    return found


# --------------------------------------------------------------------------- the book


@dataclass
class Book:
    """What a notebook needs to know about the whole book: config, order, numbers, titles."""

    root: Path
    config: dict
    docnames: list[str]
    chapter_numbers: dict[str, str]  # docname -> "4" (numbered chapters only)
    texts: dict[str, str] = field(default_factory=dict)
    #: The commit the notebooks install the package from (package_commit), None if unknown.
    pin: str | None = None
    #: The package's dependencies at the versions of requirements.txt (pinned_versions).
    versions: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, root: Path) -> Book:
        from sphinx_external_toc.parsing import parse_toc_yaml

        root = Path(root)
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
        site = parse_toc_yaml(root / "_toc.yml")
        docnames, numbers = [site.root.docname], {}

        def walk(docname: str, prefix: str) -> None:
            count = 0
            for tree in site[docname].subtrees:
                for item in tree.files():
                    docnames.append(item)
                    if tree.numbered:
                        count += 1
                        numbers[item] = f"{prefix}{count}"
                    walk(item, f"{numbers[item]}." if item in numbers else "")

        walk(site.root.docname, "")
        texts = {}
        for name in docnames:
            path = root / f"{name}.md"
            if path.is_file():
                texts[name] = path.read_text(encoding="utf-8")
        return cls(root, config, docnames, numbers, texts, package_commit(root), pinned_versions(root))

    def setting(self, *keys: str, default=None):
        value = self.config
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return default if value is None else value

    @property
    def repository(self) -> str:
        return self.setting("repository", "url", default="").rstrip("/").removesuffix(".git")

    @property
    def branch(self) -> str:
        return self.setting("repository", "branch", default="main")

    @property
    def github(self) -> tuple[str, str] | None:
        """(owner, repo) when the repository is on GitHub, the only host Colab opens."""
        match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+)", self.repository)
        return (match[1], match[2]) if match else None

    @property
    def requirement(self) -> str:
        """What ``pip install`` gets: the package (with its font dependency) from the repository,
        at the pinned commit (else, when it is unknown, at the branch)."""
        if self.github:
            owner, repo = self.github
            ref = self.pin or f"refs/heads/{self.branch}"
            return f"descent @ https://github.com/{owner}/{repo}/archive/{ref}.zip"
        return f"descent @ git+{self.repository}.git@{self.pin or self.branch}"

    def colab_url(self, docname: str) -> str | None:
        if not self.github:
            return None
        owner, repo = self.github
        return f"{COLAB}/{owner}/{repo}/blob/{quote(self.branch)}/{notebook_path(docname)}"

    @cached_property
    def translate(self) -> Callable[[str], str]:
        """Sphinx's and sphinx-exercise's words in the book's language (참고, 연습, 해답)."""
        import sphinx
        import sphinx_exercise

        language = [self.setting("sphinx", "config", "language", default="en")]
        words = gettext.translation("sphinx", Path(sphinx.__file__).parent / "locale", language, fallback=True)
        exercise = Path(sphinx_exercise.__file__).parent / "translations" / "locales"
        words.add_fallback(gettext.translation("exercise", exercise, language, fallback=True))
        return words.gettext

    @cached_property
    def markdown_config(self) -> MdParserConfig:
        return MdParserConfig(enable_extensions=set(self.setting("parse", "myst_enable_extensions", default=[])))

    @cached_property
    def targets(self) -> dict[str, Target]:
        """Every label of the book with the text a reference to it shows."""
        found: dict[str, Target] = {}
        counters: dict[tuple[str, str], int] = {}  # shared by the documents of one chapter number
        for name, text in self.texts.items():
            if is_myst_markdown_notebook(text):
                cells = read_myst_markdown_notebook(text, self.markdown_config).cells
            else:
                cells = [nbformat.v4.new_markdown_cell(text)]
            found.update(collect_targets(cells, name, self.chapter_numbers.get(name), counters))
        return found

    @cached_property
    def bibliography(self):
        from pybtex.database import BibliographyData, parse_file

        data = BibliographyData()
        for bib in self.setting("bibtex_bibfiles", default=[]):
            for key, entry in parse_file(self.root / bib).entries.items():
                data.add_entry(key, entry)
        return data


@dataclass(frozen=True)
class Target:
    kind: str  # section, figure, equation, exercise
    text: str  # the title, or the number ("4.1")
    title: str = ""  # an exercise's own title


def notebook_path(docname: str) -> str:
    """Where a chapter's notebook lives in the repository."""
    return f"{NOTEBOOK_DIR}/{PurePosixPath(docname).name}.ipynb"


# --------------------------------------------------------------------------- labels and numbers

LABEL = re.compile(r"^\s*\((?P<label>[^()\s]+)\)=\s*$")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
EQUATION_LABEL = re.compile(r"\$\$\s*\((?P<label>[^()\s]+)\)\s*$")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|:{3,}|~{3,})\s*(?P<info>.*)$")
DIRECTIVE = re.compile(r"^\{(?P<name>[^}\s]+)\}\s*(?P<argument>.*)$")
NUMBERED = {
    "figure": "figure", "glue:figure": "figure", "table": "table", "list-table": "table", "math": "equation",
    "exercise": "exercise", "exercise-start": "exercise",
}


def target_key(docname: str, kind: str, label: str | None, caption: str) -> str:
    """A target's label; a captioned figure or table without one is known by its caption."""
    return label or f"{docname}#{kind}#{caption.strip()}"


def collect_targets(cells, docname: str, chapter: str | None, counters: dict) -> dict[str, Target]:
    """Targets of one document, numbered in order as Sphinx numbers them.

    Sphinx numbers exercises, labelled equations, and figures and tables that
    have a caption. Figures, tables and exercises count on across the
    documents of one chapter number (all unnumbered pages share one count);
    equations count per document.
    """
    prefix = f"{chapter}." if chapter else ""
    found: dict[str, Target] = {}
    equations: dict[tuple[str, str], int] = {}

    def number(kind: str, label: str | None, caption: str = "") -> None:
        if (kind == "equation" and not label) or (kind in ("figure", "table") and not caption.strip()):
            return
        counts, key = (equations if kind == "equation" else counters), (kind, prefix)
        counts[key] = counts.get(key, 0) + 1
        title = caption if kind == "exercise" else ""
        found[target_key(docname, kind, label, caption)] = Target(kind, f"{prefix}{counts[key]}", title)

    for cell in cells:
        if cell.cell_type == "code":
            figure = cell.metadata.get("mystnb", {}).get("figure", {})
            number("figure", figure.get("name"), figure.get("caption", ""))
            continue
        pending = None
        for block in parse_blocks(cell.source):
            if block.kind == "label":
                pending = block.label
                continue
            if block.kind == "text" and not "".join(block.lines).strip():
                continue  # a label may stand a blank line above its heading
            if block.kind == "heading" and pending:
                found[pending] = Target("section", block.text)
            elif block.kind == "directive" and block.directive in NUMBERED:
                kind = NUMBERED[block.directive]
                label = block.options.get("label") or block.options.get("name")
                number(kind, label, "\n".join(block.body).strip() if kind == "figure" else block.argument)
            elif block.kind == "text":
                for line in block.lines:
                    if match := EQUATION_LABEL.search(line):
                        number("equation", match["label"])
            pending = None
    return found


# --------------------------------------------------------------------------- MyST blocks


@dataclass
class Block:
    kind: str  # text, code, directive, label, heading
    lines: list[str] = field(default_factory=list)
    label: str = ""
    text: str = ""
    directive: str = ""
    argument: str = ""
    options: dict = field(default_factory=dict)
    body: list[str] = field(default_factory=list)


def parse_blocks(source: str) -> list[Block]:
    """Split MyST Markdown into fences (directives, code), labels, headings and plain lines."""
    lines, blocks, i = source.splitlines(), [], 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if fence:
            mark = fence["fence"]
            end = next(
                (j for j in range(i + 1, len(lines)) if re.fullmatch(rf"\s*{re.escape(mark[0])}{{{len(mark)},}}\s*", lines[j])),
                len(lines),
            )
            inner = lines[i + 1 : end]
            directive = DIRECTIVE.match(fence["info"])
            if directive:
                options, body = split_options(inner)
                blocks.append(
                    Block("directive", lines[i : end + 1], directive=directive["name"],
                          argument=directive["argument"].strip(), options=options, body=body)
                )
            else:
                blocks.append(Block("code", lines[i : end + 1]))
            i = end + 1
            continue
        if label := LABEL.match(line):
            blocks.append(Block("label", [line], label=label["label"]))
        elif heading := HEADING.match(line):
            blocks.append(Block("heading", [line], text=heading["title"]))
        elif blocks and blocks[-1].kind == "text":
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block("text", [line]))
        i += 1
    return blocks


def split_options(lines: list[str]) -> tuple[dict, list[str]]:
    """A directive's ``:key: value`` lines or ``---`` YAML block, and its body."""
    if lines and lines[0].strip() == "---":
        end = next((j for j in range(1, len(lines)) if lines[j].strip() == "---"), 0)
        if end:
            return yaml.safe_load("\n".join(lines[1:end])) or {}, lines[end + 1 :]
    options, i = {}, 0
    while i < len(lines) and (option := re.match(r"^\s*:([\w-]+):\s*(.*)$", lines[i])):
        options[option[1]] = option[2].strip()
        i += 1
    return options, lines[i:]


# --------------------------------------------------------------------------- MyST -> Jupyter Markdown

ADMONITIONS = {
    "attention": "Attention", "caution": "Caution", "danger": "Danger", "error": "Error", "hint": "Hint",
    "important": "Important", "note": "Note", "seealso": "See also", "tip": "Tip", "warning": "Warning",
}
DROPPED = {"tableofcontents", "toctree", "eval-rst", "raw", "solution-end", "exercise-end", "only", "explorer"}
CODE_DIRECTIVES = {"code-block", "code", "sourcecode"}
ROLE_OR_CODE = re.compile(r"(?:\{(?P<role>[A-Za-z][\w:.-]*)\})?(?P<ticks>`+)(?P<content>.+?)(?P=ticks)")
#: A role and the particle alternation after it ({numref}`fig`은(는)): a number a notebook shows gets its particle.
ROLE_AND_PARTICLE = re.compile(ROLE_OR_CODE.pattern + f"(?P<particle>{ALTERNATION.pattern})?")
TITLED = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


@dataclass
class Renderer:
    """Renders the Markdown of one chapter for Jupyter, with the book's numbers."""

    book: Book
    docname: str
    cited: list[str] = field(default_factory=list)
    listed: bool = False  # the chapter has its own bibliography
    glued: list[str] = field(default_factory=list)

    def markdown(self, source: str) -> str:
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.blocks(parse_blocks(source)))).strip()

    def blocks(self, blocks: list[Block]) -> list[str]:
        out: list[str] = []
        for block in blocks:
            if block.kind == "label":
                continue
            if block.kind == "code":
                out += block.lines
            elif block.kind == "directive":
                out += self.directive(block)
            else:
                out += [self.inline(self.equation_number(line)) for line in block.lines]
        return out

    def equation_number(self, line: str) -> str:
        match = EQUATION_LABEL.search(line)
        if not match:
            return line
        return line[: match.start()] + f"\\tag{{{self.number(match['label'])}}}\n$$"

    def number(self, label: str) -> str:
        target = self.book.targets.get(label)
        return target.text if target else label

    def directive(self, block: Block) -> list[str]:
        name, argument, translate = block.directive, block.argument, self.book.translate
        if name in DROPPED:
            return []
        if name in CODE_DIRECTIVES:
            return [f"```{argument}", *block.body, "```"]
        if name == "math":
            label = block.options.get("label")
            return ["$$", *block.body, *([f"\\tag{{{self.number(label)}}}"] if label else []), "$$"]
        if name in ("figure", "image"):
            return self.figure(block)
        if name == "bibliography":
            return self.references()
        if name == "glue:figure":  # the figure itself is shown where glue() is called
            return self.caption("figure", block.options.get("name"), "\n".join(block.body))
        if name == "glossary":
            return self.glossary(block)
        if name == "list-table":
            return [*self.caption("table", block.options.get("name"), argument), "", *self.list_table(block)]
        body = self.blocks(parse_blocks("\n".join(block.body)))
        if name == "table":  # the caption above, as in the book
            return [*self.caption("table", block.options.get("name"), argument), "", *body]
        if name.startswith("glue"):
            self.glued.append(argument)
            return [f"`{argument}`", *body]
        if name in ADMONITIONS or name == "admonition":
            title = argument if name == "admonition" else translate(ADMONITIONS[name])
            return quote_block(self.inline(title), body)
        if name in ("exercise", "exercise-start"):
            key = target_key(self.docname, "exercise", block.options.get("label"), argument)
            title = f"{translate('Exercise')} {self.number(key)}" + (f" ({self.inline(argument)})" if argument else "")
            return quote_block(title, body) if name == "exercise" else [f"**{title}**", "", *body]
        if name in ("solution", "solution-start"):
            title = f"{translate('Solution to')} {self.reference(argument)}"
            return quote_block(title, body) if name == "solution" else [f"**{title}**", "", *body]
        # Anything else (dropdown, margin, card, ...): its title in bold, then its content.
        return ([f"**{self.inline(argument)}**", ""] if argument else []) + body

    def figure(self, block: Block) -> list[str]:
        path = block.argument
        if self.book.github and not re.match(r"[a-z]+://", path):
            owner, repo = self.book.github
            where = posixpath.normpath(posixpath.join(posixpath.dirname(self.docname), path))
            path = f"https://raw.githubusercontent.com/{owner}/{repo}/{self.book.branch}/{where}"
        image = f"![{block.options.get('alt', '')}]({path})"
        if block.directive == "image":
            return [image]
        return [image, "", *self.caption("figure", block.options.get("name"), "\n".join(block.body))]

    def caption(self, kind: str, label: str | None, caption: str) -> list[str]:
        """A caption led by its number in bold, when the book numbers it."""
        text = "\n".join(self.inline(line) for line in caption.strip().splitlines())
        found = self.book.targets.get(target_key(self.docname, kind, label, caption))
        if found is None:
            return [text] if text else []
        return [f"**{self.numfig(kind) % found.text}** {text}".strip()]

    def list_table(self, block: Block) -> list[str]:
        """A ``list-table`` (``* - cell`` rows) as a Markdown pipe table."""
        rows: list[list[str]] = []
        for line in block.body:
            if row := re.match(r"^\*\s+-\s?(.*)$", line):
                rows.append([row[1]])
            elif cell := re.match(r"^\s+-\s?(.*)$", line):
                rows[-1].append(cell[1])
            elif line.strip() and rows:  # a cell that goes on over several lines
                rows[-1][-1] += " " + line.strip()
        cells = [[self.inline(text.strip()).replace("|", "\\|") for text in row] for row in rows]
        width = max(map(len, cells), default=0)
        cells = [row + [""] * (width - len(row)) for row in cells]
        if not int(block.options.get("header-rows", 0)):
            cells.insert(0, [""] * width)
        lines = ["| " + " | ".join(row) + " |" for row in cells]
        return [lines[0], "|" + " --- |" * width, *lines[1:]]

    def glossary(self, block: Block) -> list[str]:
        """Terms (several lines name one term) and their indented definitions, as a list."""
        entries: list[tuple[list[str], list[str]]] = []
        for line in filter(str.strip, block.body):
            if line[0].isspace():
                entries[-1][1].append(line.strip())
                continue
            if not entries or entries[-1][1]:
                entries.append(([], []))
            entries[-1][0].append(line.strip())
        if "sorted" in block.options:  # as Sphinx sorts them
            entries.sort(key=lambda entry: unicodedata.normalize("NFD", entry[0][0].lower()))
        return [f"- **{' / '.join(terms)}**: {self.inline(' '.join(text))}" for terms, text in entries]

    def numfig(self, kind: str) -> str:
        defaults = {"figure": "Fig. %s", "table": "Table %s", "code-block": "Listing %s", "section": "Section %s"}
        return self.book.setting("sphinx", "config", "numfig_format", kind, default=defaults.get(kind, "%s"))

    def references(self) -> list[str]:
        """The entries this chapter cites, formatted as Markdown (the book lists them here)."""
        from pybtex.plugin import find_plugin

        self.listed = True
        known = self.book.bibliography.entries
        entries = [known[key] for key in dict.fromkeys(self.cited) if key in known]
        style = find_plugin("pybtex.style.formatting", "plain")()
        return [f"- {item.text.render_as('markdown')}" for item in style.format_entries(entries)]

    def inline(self, line: str) -> str:
        return ROLE_AND_PARTICLE.sub(self.role_and_particle, line)

    def role_and_particle(self, match: re.Match) -> str:
        """A role as text, and the particle after it chosen as the book chooses it (bookbuild.particles).

        A glued value shows as its name in a notebook, so the alternation after it stays as written."""
        text, particle = self.role(match), match["particle"] or ""
        if particle and not (match["role"] or "").startswith("glue"):
            particle = choose(text, particle) or particle
        return text + particle

    def role(self, match: re.Match) -> str:
        role, content = match["role"], match["content"]
        if role is None:  # inline code: left alone
            return match[0]
        titled = TITLED.match(content)
        text, target = (titled["text"], titled["target"]) if titled else (None, content)
        if role.startswith("glue"):
            self.glued.append(target.split(":")[0])
            return f"`{self.glued[-1]}`"
        if role == "eq":
            formats = self.book.setting("sphinx", "config", "math_eqref_format", default="({number})")
            return formats.format(number=self.number(target))
        if role == "numref":
            number = self.number(target)
            return text.replace("%s", number).replace("{number}", number) if text else self.reference(target)
        if role in ("ref", "doc", "any"):
            return text or self.reference(target)
        if role.startswith("cite"):
            return self.citation(role, target)
        if role.startswith("py:") or role in ("func", "class", "mod", "meth", "attr", "obj"):
            return f"`{text or target.lstrip('~')}`"
        if role in ("math", "m"):
            return f"${content}$"
        if role in ("sub", "sup", "kbd"):
            return f"<{role}>{content}</{role}>"
        return text or target

    def reference(self, target: str) -> str:
        found = self.book.targets.get(target)
        if found is None:
            doc = posixpath.normpath(posixpath.join(posixpath.dirname(self.docname), target.removesuffix(".md")))
            for line in self.book.texts.get(doc.lstrip("/"), "").splitlines():
                if heading := HEADING.match(line):
                    return heading["title"]
            return target
        if found.kind == "section":
            return found.text
        if found.kind == "exercise":
            title = f" ({self.inline(found.title)})" if found.title else ""
            return f"{self.book.translate('Exercise')} {found.text}{title}"
        if found.kind in ("figure", "table"):
            return self.numfig(found.kind) % found.text
        return found.text  # an equation's number

    def citation(self, role: str, keys: str) -> str:
        """Author–year, as ``bibtex_reference_style: author_year`` shows it: Cauchy [1847], [Cauchy, 1847]."""
        parts = []
        for key in (k.strip() for k in keys.split(",")):
            self.cited.append(key)
            entry = self.book.bibliography.entries.get(key)
            if entry is None:
                parts.append((key, ""))
                continue
            names = [" ".join(p.last_names) for p in entry.persons.get("author", entry.persons.get("editor", []))]
            who = names[0] if len(names) == 1 else " and ".join(names) if len(names) == 2 else f"{names[0]} et al."
            parts.append((who.replace("{", "").replace("}", ""), entry.fields.get("year", "")))
        if role == "cite:t":
            return ", ".join(f"{who} [{year}]" for who, year in parts)
        return "[" + "; ".join(f"{who}, {year}" for who, year in parts) + "]"


def quote_block(title: str, body: list[str]) -> list[str]:
    """An admonition as a Markdown quote with a bold title."""
    lines = [f"**{title}**", "", *body]
    while lines and not lines[-1].strip():
        lines.pop()
    return [f"> {line}".rstrip() for line in lines] + [""]
