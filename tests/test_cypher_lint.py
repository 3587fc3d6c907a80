"""The Cypher linter (Neo4j's language support) catches real errors and passes our files."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from graphstore.lint import lint_queries
from tests.conftest import REPO_ROOT

LINTER = REPO_ROOT / "tools" / "cypher-lint.mjs"

pytestmark = pytest.mark.skipif(
    not (REPO_ROOT / "node_modules" / "@neo4j-cypher").is_dir() or shutil.which("node") is None,
    reason="run `npm ci` first (make test does)",
)


def _lint(*paths: Path) -> tuple[int, dict[str, object]]:
    result = subprocess.run(
        ["node", str(LINTER), "--json", *map(str, paths)],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120, check=False,
    )  # fmt: skip
    return result.returncode, json.loads(result.stdout)


def test_a_misspelled_keyword_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "bad.cypher").write_text("MATHC (u:Unit) RETURN u\n")
    code, report = _lint(tmp_path)
    assert code == 1
    assert "Invalid input 'MATHC'" in json.dumps(report["findings"])


def test_an_undefined_variable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "bad.cypher").write_text("MATCH (u:Unit) RETURN loadout\n")
    code, report = _lint(tmp_path)
    assert code == 1
    assert "Variable `loadout` not defined" in json.dumps(report["findings"])


def test_undeclared_parameters_are_not_findings(tmp_path: Path) -> None:
    (tmp_path / "ok.cypher").write_text("// a header\nMATCH (u:Unit {id: $id}) RETURN u\n")
    assert _lint(tmp_path) == (0, {"files": 1, "findings": []})


def test_every_shipped_query_is_clean_as_it_runs() -> None:
    """Named queries are linted with their fragments expanded, migrations as they are, and
    the benchmarks' and tests' own named queries too (this is CI's Cypher lint)."""
    extra = [REPO_ROOT / "migrations", REPO_ROOT / "benchmarks" / "cypher"]
    tests = [REPO_ROOT / "tests" / "importer" / "queries", REPO_ROOT / "tests" / "plans"]
    result = lint_queries([*extra, *tests])
    assert result.unavailable is None
    assert [str(f) for f in result.findings] == []


def test_a_fragment_is_linted_inside_the_query_that_includes_it(tmp_path: Path) -> None:
    export = tmp_path / "queries.json"
    export.write_text(json.dumps({"demo/q": "MATCH (u:Unit)\nWHERE u.id = 1\nRETRUN u\n"}))
    code, report = _lint(Path("--queries"), export)
    assert code == 1
    assert report["findings"][0]["file"] == "cypher/demo/q.cypher"
