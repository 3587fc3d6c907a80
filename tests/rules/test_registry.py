"""The rule registry: headers, the shared prelude, and the combined query's validity."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from graphstore import queries
from graphstore.errors import RuleDefinitionError
from graphstore.rules import registry
from tests.conftest import REPO_ROOT
from tests.rules.reference import SEVERITY

LINTER = REPO_ROOT / "tools" / "cypher-lint.mjs"


def test_the_registry_has_every_rule_with_its_declared_severity() -> None:
    assert {r.id: r.severity for r in registry.rules()} == SEVERITY
    assert all(r.description and r.parameters.keys() == {"checks"} for r in registry.rules())
    with pytest.raises(RuleDefinitionError, match="no rule 'nope'"):
        registry.rule("nope")


def test_the_combined_query_has_one_prelude_and_every_body() -> None:
    combined = registry.combined_query().text
    assert combined.count("UNWIND $checks AS check") == 1
    assert combined.count("\nUNION ALL\n") == len(SEVERITY) - 1
    for rule in registry.rules():
        assert f"'{rule.id}' AS rule" in combined


@pytest.mark.skipif(
    not (REPO_ROOT / "node_modules" / "@neo4j-cypher").is_dir() or shutil.which("node") is None,
    reason="run `npm ci` first (make test does)",
)
def test_the_combined_query_is_valid_neo4j_cypher(tmp_path: Path) -> None:
    (tmp_path / "all.cypher").write_text(registry.combined_query().text)
    result = subprocess.run(
        ["node", str(LINTER), "--json", str(tmp_path)],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert json.loads(result.stdout)["findings"] == []


def _malformed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "broken.cypher").write_text(
        header + "// @param checks: checks\nUNWIND $checks AS check\n// rule body\nRETURN 1\n"
    )
    monkeypatch.setattr(queries, "resource_dir", lambda _: tmp_path)
    queries.load.cache_clear()
    registry.rules.cache_clear()


@pytest.mark.parametrize(
    ("header", "complaint"),
    [
        ("// A rule.\n// @id: other\n// @severity: error\n", "@id must be 'broken'"),
        ("// A rule.\n// @id: broken\n// @severity: fatal\n", "@severity must be"),
    ],
)
def test_a_malformed_rule_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str, complaint: str
) -> None:
    _malformed(tmp_path, monkeypatch, header)
    try:
        with pytest.raises(RuleDefinitionError, match=complaint):
            registry.rules()
    finally:
        monkeypatch.undo()
        queries.load.cache_clear()
        registry.rules.cache_clear()
