"""The chapters as notebooks: fresh, runnable outside the book, offered on every chapter page with code.

A fixture chapter (glue in a hidden cell, a figure, an equation, a citation,
an exercise with its solution) shows that this holds for any chapter, not only
for the ones written so far.
"""

import copy
import dataclasses
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bookbuild import notebooks as make_notebooks
from bookbuild.markdown import PACKAGE_PATHS, Book, package_commit, pinned_versions
from bookbuild.notebooks import book_notebooks, buttons_html, chapter_notebook
from books import HEADER, ROOT, make_book
from browser import launch, serve
from test_build_strictness import build

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

FIXTURE = HEADER + """(ch-fixture)=
# 시험 장

```{code-cell} ipython3
:tags: [remove-cell]
%matplotlib inline
%config InlineBackend.figure_formats = ["svg"]
from myst_nb import glue
```

```{code-cell} ipython3
import descent
from descent import plotting

X, y, theta0 = descent.make_linear_data(n_samples=20, random_state=0)
```

```{code-cell} ipython3
:tags: [remove-cell]
y_mean = float(y.mean())
glue("fx_mean", y_mean, display=False)
```

평균은 {glue:text}`fx_mean:.3f`(이)다. {numref}`fig-fx-data`과(와) {eq}`eq-fx`을(를) 보라. 이 방법은 {cite:t}`cauchy1847`까지 거슬러 올라간다.
{ref}`ch-other`에서 다시 다룬다.

$$
y = 4 + 3x
$$ (eq-fx)

```{code-cell} ipython3
:tags: [remove-input]
:mystnb:
:  figure:
:    caption: 이름 없는 그림도 번호를 받는다.
plotting.plot_data(X, y)
```

```{code-cell} ipython3
:tags: [remove-input]
:mystnb:
:  figure:
:    name: fig-fx-data
:    caption: 데이터 $y$.
plotting.plot_data(X, y)
```

```{math}
:label: eq-fx-two
z = 1
```

{numref}`tab-fx-list`과(와) {numref}`tab-fx-md`, 그리고 {eq}`eq-fx-two`.

```{list-table} 목록 표
:header-rows: 1
:name: tab-fx-list

* - 이름
  - 값
* - 평균
  - {glue:text}`fx_mean:.3f`
```

:::{table} 마크다운 표
:name: tab-fx-md

| 가 | 나 |
| --- | --- |
| 1 | 2 |
:::

```{glossary}
:sorted:

학습률
learning rate
  한 걸음의 크기.

경사
  기울기.
```

:::{exercise}
:label: ex-fx-mean
숨은 셀이 구한 평균을 다시 구하라.
:::

:::{solution-start} ex-fx-mean
:class: dropdown
:::

```{code-cell} ipython3
float(y.mean()) == y_mean
```

:::{solution-end}
:::

:::{warning}
{ref}`ex-fx-mean`의 답은 {glue:text}`fx_mean:.3f`(이)다.
:::

:::{exercise} 제목 있는 연습
:label: ex-fx-titled
다시.
:::

## 참고 문헌

```{bibliography}
:filter: docname in docnames
```
"""
FIXTURE_TOC = """format: jb-book
root: index
parts:
  - caption: 본문
    numbered: true
    chapters:
      - file: other
      - file: chapter
"""


@pytest.fixture(scope="module")
def fixture_book(tmp_path_factory) -> Path:
    book = make_book(
        tmp_path_factory.mktemp("fixture"),
        {"index": "# 시작\n\n코드 없는 첫 쪽.\n", "other": "(ch-other)=\n# 다른 장\n\n글.\n", "chapter": ""},
    )
    (book / "chapter.md").write_text(FIXTURE, encoding="utf-8")
    (book / "_toc.yml").write_text(FIXTURE_TOC, encoding="utf-8")
    return book


def code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def markdown(notebook) -> str:
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def run_standalone(notebook, cwd: Path):
    """Execute as Colab would: in a folder outside the repository, without myst-nb."""
    notebook = copy.deepcopy(notebook)
    notebook.cells.insert(0, nbformat.v4.new_code_cell('import sys\nsys.modules["myst_nb"] = None'))
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    notebook.cells.pop(0)
    return notebook


def assert_ran_cleanly(notebook) -> None:
    for cell in code_cells(notebook):
        for output in cell.outputs:
            assert output.output_type != "error"
            assert output.get("name") != "stderr", output.get("text")
            data = output.get("data", {})
            if data.get("text/plain", "").startswith("<Figure size"):
                assert "image/svg+xml" in data, "a figure shows as an image, not as text"
    # Every caption follows the cell that draws its figure, and that cell shows an image.
    for before, cell in zip(notebook.cells, notebook.cells[1:]):
        if cell.cell_type == "markdown" and cell.source.startswith("**그림"):
            assert before.cell_type == "code"
            assert any("image/svg+xml" in output.get("data", {}) for output in before.outputs), before.source


# --------------------------------------------------------------------------- the committed notebooks


def test_committed_notebooks_match_the_chapters():
    wrong = make_notebooks.differences(ROOT)
    assert wrong == {}, f"run `make notebooks` and commit: {wrong}"


def test_every_chapter_with_code_has_a_notebook():
    assert "notebooks/linear-regression.ipynb" in book_notebooks(Book.load(ROOT))
    book = Book.load(ROOT)
    assert chapter_notebook(book, "book/index") is None  # no code cells
    assert chapter_notebook(book, "book/api") is None  # not a notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_outside_the_repository(path: Path, tmp_path: Path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert all(not cell.outputs for cell in code_cells(notebook)), "notebooks are committed without outputs"
    assert_ran_cleanly(run_standalone(notebook, tmp_path))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_has_no_book_only_syntax(path: Path):
    notebook = nbformat.read(path, as_version=4)
    text = markdown(notebook)
    assert not re.search(r"\{[\w:.-]+\}`", text), "a MyST role is left"
    assert not re.search(r"^\s*(:::|```)\s*\{", text, re.M), "a MyST directive is left"
    assert not re.search(r"^\s*\([^()\s]+\)=\s*$", text, re.M), "a MyST label is left"
    assert not re.search(r"\$\$\s*\(", text), "an equation label is left"


def install_cell(notebook) -> str:
    first = code_cells(notebook)[0]
    assert "find_spec(\"descent\")" in first.source, "the first code cell installs descent"
    return first.source


def test_install_cell_installs_from_the_repository_only_when_descent_is_missing(monkeypatch):
    source = install_cell(nbformat.read(NOTEBOOKS[0], as_version=4))
    url, pin, versions = CONFIG["repository"]["url"], package_commit(ROOT), pinned_versions(ROOT)
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: calls.append((command, kwargs)))
    exec(source, {})
    assert calls == [], "descent is importable here: nothing to install"

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "descent" else find_spec(name, *a))
    exec(source, {})
    ((command, kwargs),) = calls
    assert command[:5] == [sys.executable, "-m", "pip", "install", "--quiet"] and kwargs == {"check": True}
    descent, *installed = map(Requirement, command[5:])
    assert (descent.name, descent.extras) == ("descent", set())
    assert descent.url == f"{url}/archive/{pin}.zip", "the commit the notebook was made from, not the branch"
    assert [str(v) for v in installed] == versions


def locked() -> dict[str, str]:
    """requirements.txt: name -> version."""
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return {canonicalize_name(r.name): str(r.specifier)[2:] for r in map(Requirement, (l for l in lines if "==" in l))}


def test_notebooks_pin_the_last_commit_of_the_package_and_the_locked_versions():
    """The pin and the notebooks agree: every notebook installs the package at the last commit that
    changed it (the same code as the checkout), with its dependencies at the versions of requirements.txt."""
    pin = package_commit(ROOT)
    assert pin is not None, "no commit to pin: the checkout needs git and its whole history (fetch-depth: 0)"
    assert make_notebooks.git(ROOT, "diff", "--quiet", pin, "HEAD", "--", *PACKAGE_PATHS) is not None, \
        "the package differs between the pinned commit and HEAD"
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    versions = locked()
    expected = [f"{canonicalize_name(Requirement(d).name)}=={versions[canonicalize_name(Requirement(d).name)]}"
                for d in dependencies]
    assert pinned_versions(ROOT) == expected
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        recorded = notebook.metadata[make_notebooks.PIN_KEY]
        assert recorded["commit"] == pin, f"{path.name}: run `make notebooks` and commit"
        assert recorded["versions"] == expected, f"{path.name}: run `make notebooks` and commit"
        assert recorded["requirement"] == f"descent @ {CONFIG['repository']['url']}/archive/{pin}.zip"
        cell = install_cell(notebook)
        for package in [recorded["requirement"], *expected]:
            assert f'"{package}",' in cell, f"{path.name}: the first cell does not install {package}"


def test_a_moved_pin_is_reported_as_such(tmp_path: Path):
    notebook = nbformat.reads(next(iter(book_notebooks(Book.load(ROOT)).values())), as_version=4)
    path = tmp_path / "old.ipynb"
    old = copy.deepcopy(notebook)
    old.metadata[make_notebooks.PIN_KEY]["commit"] = "0" * 40
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "x.ipynb").write_text(nbformat.writes(old), encoding="utf-8")
    wrong = make_notebooks.differences(tmp_path, {"notebooks/x.ipynb": nbformat.writes(notebook)})
    assert wrong["notebooks/x.ipynb"].startswith("stale (pins 0000") and package_commit(ROOT) in wrong["notebooks/x.ipynb"]


def test_pip_can_install_descent_from_the_pinned_commit(tmp_path: Path):
    """What GitHub serves at .../archive/<commit>.zip: the files of that commit under one folder."""
    pin = package_commit(ROOT)
    archive = tmp_path / f"{pin}.zip"
    subprocess.run(["git", "archive", "--format=zip", f"--prefix=gradient-descent-{pin}/", "-o", str(archive), pin],
                   cwd=ROOT, check=True)
    report = tmp_path / "report.json"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--report", str(report), f"descent @ {archive.as_uri()}"],
        check=True, capture_output=True, cwd=tmp_path,
    )
    (installed,) = json.loads(report.read_text())["install"]
    assert installed["metadata"]["name"] == "descent"
    assert any(dep.startswith("koreanize-matplotlib") for dep in installed["metadata"]["requires_dist"])


def test_a_fork_installs_and_opens_its_own_repository(tmp_path: Path):
    shutil.copytree(ROOT / "book", tmp_path / "book")
    shutil.copy(ROOT / "_toc.yml", tmp_path)
    config = dict(CONFIG, repository={"url": "https://github.com/teacher/my-book/", "branch": "class-2027"})
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    fork = Book.load(tmp_path)
    assert fork.pin is None  # no git here: the branch, and `make notebooks` warns
    source = install_cell(chapter_notebook(fork, "book/linear-regression"))
    assert "https://github.com/teacher/my-book/archive/refs/heads/class-2027.zip" in source
    assert fork.colab_url("book/linear-regression") == (
        "https://colab.research.google.com/github/teacher/my-book/blob/class-2027/notebooks/linear-regression.ipynb"
    )
    # With its history, the fork pins its own commit, in its own repository.
    pinned = dataclasses.replace(fork, pin="c0ffee" * 6 + "c0ff")
    assert f"https://github.com/teacher/my-book/archive/{'c0ffee' * 6}c0ff.zip" in install_cell(
        chapter_notebook(pinned, "book/linear-regression"))

    config["repository"] = {"url": "https://gitlab.com/teacher/my-book", "branch": "main"}
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    elsewhere = Book.load(tmp_path)
    assert "git+https://gitlab.com/teacher/my-book.git@main" in install_cell(
        chapter_notebook(elsewhere, "book/linear-regression")
    )
    assert "git+https://gitlab.com/teacher/my-book.git@abc123" in install_cell(
        chapter_notebook(dataclasses.replace(elsewhere, pin="abc123"), "book/linear-regression"))
    assert elsewhere.colab_url("book/linear-regression") is None  # Colab opens GitHub only
    assert "colab" not in buttons_html(elsewhere, "book/linear-regression").lower()


# --------------------------------------------------------------------------- any chapter: the fixture


def test_fixture_chapter_reads_like_the_book(fixture_book: Path):
    notebook = chapter_notebook(Book.load(fixture_book), "chapter")
    text = markdown(notebook)
    # Numbers and words as the book prints them (chapter 2 of a numbered part);
    # test_fixture_book_numbers_like_sphinx checks the numbers against the build.
    eqref = CONFIG["sphinx"]["config"]["math_eqref_format"]
    # particles after numbers are chosen as the book chooses them; after a glued name the alternation stays
    assert f"`fx_mean`(이)다. 그림 2.2와 {eqref.format(number='2.1')}을 보라" in text
    assert f"표 2.1과 표 2.2, 그리고 {eqref.format(number='2.2')}." in text
    assert "Cauchy [1847]까지" in text
    assert "다른 장에서 다시 다룬다" in text
    assert "y = 4 + 3x\n\\tag{2.1}\n$$" in text and "$$\nz = 1\n\\tag{2.2}\n$$" in text
    assert "**표 2.1** 목록 표\n\n| 이름 | 값 |\n| --- | --- |\n| 평균 | `fx_mean` |" in text
    assert "**표 2.2** 마크다운 표\n\n| 가 | 나 |" in text
    assert "- **경사**: 기울기.\n- **학습률 / learning rate**: 한 걸음의 크기." in text
    assert "> **연습 2.1**\n>\n> 숨은 셀이 구한 평균을 다시 구하라." in text
    assert "**해답 연습 2.1**" in text
    assert "> **경고**\n>\n> 연습 2.1의 답은 `fx_mean`(이)다." in text
    assert "> **연습 2.2 (제목 있는 연습)**" in text
    assert "Cauchy" in text.split("## 참고 문헌")[1]  # the references it cites
    sources = [cell.source for cell in notebook.cells]
    figures = [i for i, source in enumerate(sources) if source.startswith("plotting.plot_data")]
    assert [sources[i + 1] for i in figures] == ["**그림 2.1** 이름 없는 그림도 번호를 받는다.", "**그림 2.2** 데이터 $y$."]
    assert notebook.cells[figures[0]].metadata == {"tags": ["remove-input"]}  # no book-only metadata
    assert [cell.id for cell in notebook.cells] == [f"cell-{i}" for i in range(1, len(sources) + 1)]


def test_a_chapter_without_its_own_bibliography_lists_what_it_cites(fixture_book: Path):
    book = Book.load(fixture_book)
    book.texts["chapter"] = FIXTURE.split("## 참고 문헌")[0]
    last = chapter_notebook(book, "chapter").cells[-1].source
    assert last.startswith("**참고 문헌**\n\n- Augustin\\-Louis Cauchy")  # pybtex escapes Markdown


def test_fixture_chapter_runs_outside_the_repository(fixture_book: Path, tmp_path: Path):
    notebook = run_standalone(chapter_notebook(Book.load(fixture_book), "chapter"), tmp_path)
    assert_ran_cleanly(notebook)
    outputs = [output for cell in code_cells(notebook) for output in cell.outputs]
    assert any(o.get("text", "").startswith("fx_mean = 7.49") for o in outputs), "glue shows the value it names"
    assert any(o.get("data", {}).get("text/plain") == "True" for o in outputs), "the solution cell ran"


@pytest.fixture(scope="module")
def fixture_html(fixture_book: Path) -> Path:
    code, log = build(fixture_book)
    assert code == 0, log
    return fixture_book / "_build" / "html"


def numbers_unlike_sphinx(book: Book, docname: str, page: str) -> list:
    """The targets of a chapter whose number in the notebook is not the one on its built page."""
    config = CONFIG["sphinx"]["config"]
    words = {
        "figure": config["numfig_format"]["figure"].replace("%s", "{}"),
        "table": config["numfig_format"]["table"].replace("%s", "{}"),
        "exercise": book.translate("Exercise") + " {}",
        "equation": "({})",
    }
    wrong = []
    for key, target in book.targets.items():
        if target.kind not in words:
            continue
        if "#" in key:  # no label: found by its caption
            if not key.startswith(f"{docname}#"):
                continue
            # the last occurrence: the caption itself, after the image's alt text
            before, after = page.rsplit(key.split("#")[2].split("$")[0], 1)
            near = before[-400:] + after[:200]
        else:
            anchor = f'id="equation-{key}"' if target.kind == "equation" else f'id="{key}"'
            if anchor not in page:
                continue  # a target of another page
            near = page.split(anchor, 1)[1][:1500]
        if words[target.kind].format(target.text) not in re.sub(r"<[^>]+>|\s+", " ", near):
            wrong.append((key, target))
    return wrong


@pytest.mark.build
def test_fixture_book_offers_the_notebook_on_chapter_pages_only(fixture_book: Path, fixture_html: Path):
    page = (fixture_html / "chapter.html").read_text(encoding="utf-8")
    assert buttons_html(Book.load(fixture_book), "chapter") in page
    expected = nbformat.writes(chapter_notebook(Book.load(fixture_book), "chapter")) + "\n"
    assert (fixture_html / "chapter.ipynb").read_text(encoding="utf-8") == expected
    for other in ("index", "other"):
        assert "notebook-buttons" not in (fixture_html / f"{other}.html").read_text(encoding="utf-8").split("</head>")[1]


@pytest.mark.build
def test_fixture_book_numbers_like_sphinx(fixture_book: Path, fixture_html: Path):
    """Every number the notebook prints is the one Sphinx gave the same figure, table, equation, exercise."""
    book = Book.load(fixture_book)
    kinds = {t.kind for key, t in book.targets.items() if key.startswith(("chapter#", "fig-", "tab-", "eq-", "ex-"))}
    assert kinds == {"figure", "table", "exercise", "equation"}  # the fixture has each kind
    assert numbers_unlike_sphinx(book, "chapter", (fixture_html / "chapter.html").read_text(encoding="utf-8")) == []


# --------------------------------------------------------------------------- the real book


def test_chapter_pages_offer_colab_and_download(book_html: Path):
    url, branch = CONFIG["repository"]["url"].removeprefix("https://github.com/"), CONFIG["repository"]["branch"]
    for path in NOTEBOOKS:
        page = (book_html / "book" / f"{path.stem}.html").read_text(encoding="utf-8")
        colab = f"https://colab.research.google.com/github/{url}/blob/{branch}/notebooks/{path.name}"
        assert f'href="{colab}"' in page
        assert f'href="{path.name}" download' in page
        assert (book_html / "book" / path.name).read_bytes() == path.read_bytes()
    for page in ("index.html", "book/api.html"):
        assert 'class="notebook-buttons"' not in (book_html / page).read_text(encoding="utf-8")


def test_chapter_notebooks_number_like_the_book(book_html: Path):
    book = Book.load(ROOT)
    for path in NOTEBOOKS:
        page = (book_html / "book" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert numbers_unlike_sphinx(book, f"book/{path.stem}", page) == [], path.name


def test_buttons_are_named_links_reached_by_keyboard(book_html: Path):
    with serve(book_html) as base, launch() as browser:
        for width in (1280, 390):
            tab = browser.new_page(viewport={"width": width, "height": 800})
            tab.goto(f"{base}/book/linear-regression.html")
            focused = []
            for _ in range(60):
                tab.keyboard.press("Tab")
                focused.append(tab.evaluate("() => document.activeElement.textContent.trim()"))
            assert "Colab에서 열기" in focused and "노트북 내려받기 (.ipynb)" in focused
            for name in ("Colab에서 열기", "노트북 내려받기 (.ipynb)"):
                link = tab.get_by_role("link", name=name, exact=True)
                assert link.is_visible()
                box = link.bounding_box()
                assert box["height"] >= 24 and box["x"] + box["width"] <= width  # a touch target, on screen
            with tab.expect_download() as download:
                tab.get_by_role("link", name="노트북 내려받기 (.ipynb)").click()
            assert download.value.suggested_filename == "linear-regression.ipynb"
            nbformat.validate(nbformat.read(download.value.path(), as_version=4))
