"""The rule registry: headers, the shared prelude, and the combined query's validity."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from graphstore import Graph, RulesEngine, queries
from graphstore.errors import RuleDefinitionError
from graphstore.rules import registry
from testkit.graph_spec import EquipmentSpec, GraphSpec, LoadoutSpec, MountSpec, UnitSpec
from testkit.rules_reference import SEVERITY
from tests.conftest import REPO_ROOT

LINTER = REPO_ROOT / "tools" / "cypher-lint.mjs"


def _clear_caches() -> None:
    queries.load.cache_clear()
    queries.load_fragment.cache_clear()
    registry.rules.cache_clear()
    registry.combined_query.cache_clear()


@contextmanager
def shipped_rules_plus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: dict[str, str]
) -> Iterator[None]:
    """The shipped cypher/ plus extra rule files, as the registry sees them."""
    root = tmp_path / "cypher"
    shutil.copytree(REPO_ROOT / "cypher", root)
    for rule_id, text in extra.items():
        (root / "rules" / f"{rule_id}.cypher").write_text(text)
    monkeypatch.setattr(queries, "resource_dir", lambda _: root)
    _clear_caches()
    try:
        yield
    finally:
        monkeypatch.undo()
        _clear_caches()


def test_the_registry_has_every_rule_with_its_declared_severity() -> None:
    assert {r.id: r.severity for r in registry.rules()} == SEVERITY
    for rule in registry.rules():
        assert rule.description
        assert "checks" in rule.parameters
        assert set(rule.parameters) <= {"checks", *registry.RULE_CONSTANTS}
    with pytest.raises(RuleDefinitionError, match="no rule 'nope'"):
        registry.rule("nope")


def test_constants_come_from_the_python_enums() -> None:
    assert registry.rule("rules_level").constants() == {
        "level_rank": {
            "INTRODUCTORY": 0,
            "STANDARD": 1,
            "ADVANCED": 2,
            "EXPERIMENTAL": 3,
            "UNOFFICIAL": 4,
        }
    }
    assert registry.rule("heat_balance").constants()["heat_per_sink"]["DOUBLE_CLAN"] == 2
    for rule in registry.rules():  # no rule restates a level list or a sink multiplier
        assert "'EXPERIMENTAL'" not in rule.body
        assert "'DOUBLE'" not in rule.body


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


GOOD_BODY = (
    "// @include rules/fragments/checks\n// rule body\n"
    "RETURN check.key AS check_key, loadout.id AS loadout_id, 'broken' AS rule,"
    " null AS severity, null AS equipment_id, null AS location, '' AS message,"
    " {} AS proof, 'design' AS cause, null AS source_note, false AS involves_candidate\n"
)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("// A rule.\n// @id: other\n// @severity: error\n" + GOOD_BODY, "@id must be 'broken'"),
        ("// A rule.\n// @id: broken\n// @severity: fatal\n" + GOOD_BODY, "@severity must be"),
        (
            "// A rule.\n// @id: broken\n// @severity: error\n// @param checks: c\n"
            "UNWIND $checks AS check\n// rule body\nRETURN 1 AS check_key\n",
            "must start with `// @include rules/fragments/checks`",
        ),
        (
            "// A rule.\n// @id: broken\n// @severity: error\n// @param era_bounds: e\n"
            + GOOD_BODY.replace("'' AS message", "$era_bounds AS message"),
            "unknown parameters",
        ),
        (
            "// A rule.\n// @id: broken\n// @severity: error\n"
            + GOOD_BODY.replace(", false AS involves_candidate", ""),
            "returns no involves_candidate",
        ),
    ],
)
def test_a_malformed_rule_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, complaint: str
) -> None:
    with (
        shipped_rules_plus(tmp_path, monkeypatch, {"broken": text}),
        pytest.raises(RuleDefinitionError, match=complaint),
    ):
        registry.rules()


NO_HEAVY_ITEMS = """// Test rule: no item over 10 t. One row per (item, location).
// @id: no_heavy_items
// @severity: error
// @include rules/fragments/checks
// rule body
UNWIND [m IN mounts WHERE check.equipment_id IS NULL OR m.hypothetical] AS mount
WITH check, loadout, mount
WHERE mount.equipment.tonnage > 10
RETURN check.key AS check_key, loadout.id AS loadout_id, 'no_heavy_items' AS rule,
  null AS severity, mount.equipment.id AS equipment_id, mount.location AS location,
  'too heavy' AS message, {tonnage: mount.equipment.tonnage} AS proof,
  'design' AS cause, null AS source_note, mount.hypothetical AS involves_candidate
"""


def test_a_new_rule_file_is_judged_by_validate_explain_and_compatible_equipment(
    migrated: Graph, load: Callable[[GraphSpec], None], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    load(
        GraphSpec(
            units=[UnitSpec("u", free_tonnage=100)],
            equipment=[EquipmentSpec("anvil", tonnage=12), EquipmentSpec("feather", tonnage=1)],
            loadouts=[LoadoutSpec("l", "u", [MountSpec("anvil", "LEFT_ARM")])],
        )
    )
    with shipped_rules_plus(tmp_path, monkeypatch, {"no_heavy_items": NO_HEAVY_ITEMS}):
        engine = RulesEngine(migrated)
        assert [v.rule for v in engine.validate("l").violations] == ["no_heavy_items"]
        assert [v.rule for v in engine.explain("l", "anvil", "RIGHT_ARM")] == ["no_heavy_items"]
        assert engine.explain("l", "feather", "RIGHT_ARM") == []
        offered = {c.equipment_id for c in engine.compatible_equipment("l", "RIGHT_ARM")}
        assert offered == {"feather"}
