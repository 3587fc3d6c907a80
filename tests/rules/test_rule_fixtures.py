"""Hand-written graphs per rule: one that breaks it and one that does not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graphstore import RulesEngine, Violation
from testkit.graph_spec import (
    CategorySpec,
    EquipmentSpec,
    GraphSpec,
    LoadoutSpec,
    LocationSpec,
    MountSpec,
    UnitSpec,
)

Load = Callable[[GraphSpec], None]


def single(
    *mounts: MountSpec,
    unit: UnitSpec | None = None,
    equipment: list[EquipmentSpec] | None = None,
    categories: list[CategorySpec] | None = None,
    conflicts: list[tuple[str, str]] | None = None,
    requires: list[tuple[str, str]] | None = None,
) -> GraphSpec:
    """One unit U1 with one loadout L1 mounting `mounts`."""
    return GraphSpec(
        units=[unit or UnitSpec("U1")],
        equipment=equipment or [],
        categories=categories or [],
        conflicts=conflicts or [],
        requires=requires or [],
        loadouts=[LoadoutSpec("L1", "U1", list(mounts))],
    )


def of_rule(violations: list[Violation], rule: str) -> list[Violation]:
    return [v for v in violations if v.rule == rule]


def check(engine: RulesEngine, load: Load, spec: GraphSpec, rule: str) -> list[Violation]:
    load(spec)
    return of_rule(engine.validate("L1").violations, rule)


# -- conflict ------------------------------------------------------------------------------


@pytest.mark.parametrize("stored", [("A", "B"), ("B", "A")], ids=["A->B", "B->A"])
def test_a_conflict_is_found_whichever_way_it_is_stored(
    engine: RulesEngine, load: Load, stored: tuple[str, str]
) -> None:
    spec = single(
        MountSpec("A", "LEFT_ARM"),
        MountSpec("B", "RIGHT_ARM"),
        equipment=[EquipmentSpec("A", name="Artemis"), EquipmentSpec("B", name="Apollo")],
        conflicts=[stored],
    )
    found = check(engine, load, spec, "conflict")
    assert {(v.equipment_id, v.location, v.proof["conflicts_with"]) for v in found} == {
        ("A", "LEFT_ARM", "B"),
        ("B", "RIGHT_ARM", "A"),
    }
    assert all(v.proof["direct"] is True and v.proof["via"] == [] for v in found)
    assert all(v.severity == "error" and v.status == "open" for v in found)
    assert "Artemis conflicts with Apollo" in {v.message for v in found}


def test_a_conflict_with_a_category_covers_its_subcategories_from_both_sides(
    engine: RulesEngine, load: Load
) -> None:
    # "one myomer type": each myomer conflicts with the myomer category.
    spec = single(
        MountSpec("tsm", "LEFT_ARM"),
        MountSpec("masc", "RIGHT_ARM"),
        equipment=[
            EquipmentSpec("tsm", categories=["cat-myomer"]),
            EquipmentSpec("masc", categories=["cat-masc"]),
        ],
        categories=[CategorySpec("cat-myomer"), CategorySpec("cat-masc", "cat-myomer")],
        conflicts=[("tsm", "cat-myomer")],
    )
    found = check(engine, load, spec, "conflict")
    assert {(v.equipment_id, v.proof["conflicts_with"]) for v in found} == {
        ("tsm", "masc"),
        ("masc", "tsm"),
    }
    assert all(v.proof["via"] == ["cat-myomer"] and v.proof["direct"] is False for v in found)


def test_an_item_does_not_conflict_with_itself_or_unrelated_items(
    engine: RulesEngine, load: Load
) -> None:
    spec = single(
        MountSpec("tsm", "LEFT_ARM"),
        MountSpec("tsm", "LEFT_ARM"),
        MountSpec("laser", "RIGHT_ARM"),
        equipment=[EquipmentSpec("tsm", categories=["cat-myomer"]), EquipmentSpec("laser")],
        categories=[CategorySpec("cat-myomer")],
        conflicts=[("tsm", "cat-myomer")],
    )
    assert check(engine, load, spec, "conflict") == []


# -- missing_prerequisite ------------------------------------------------------------------


def test_a_missing_required_item_is_reported_and_mounting_it_fixes_it(
    engine: RulesEngine, load: Load
) -> None:
    items = [EquipmentSpec("artemis"), EquipmentSpec("lrm")]
    spec = single(MountSpec("artemis", "LEFT_ARM"), equipment=items, requires=[("artemis", "lrm")])
    found = check(engine, load, spec, "missing_prerequisite")
    assert [(v.equipment_id, v.proof) for v in found] == [
        ("artemis", {"requires": "lrm", "requires_kind": "Equipment"})
    ]
    spec.loadouts[0].mounts.append(MountSpec("lrm", "RIGHT_ARM"))
    assert check(engine, load, spec, "missing_prerequisite") == []


def test_any_member_of_a_required_category_or_its_subcategories_satisfies_it(
    engine: RulesEngine, load: Load
) -> None:
    spec = single(
        MountSpec("launcher", "LEFT_ARM"),
        MountSpec("ammo", "LEFT_ARM"),
        equipment=[
            EquipmentSpec("launcher", categories=["cat-ammo"]),
            EquipmentSpec("ammo", categories=["cat-lrm-ammo"]),
        ],
        categories=[CategorySpec("cat-ammo"), CategorySpec("cat-lrm-ammo", "cat-ammo")],
        requires=[("launcher", "cat-ammo")],
    )
    assert check(engine, load, spec, "missing_prerequisite") == []
    spec.loadouts[0].mounts.pop()
    # The launcher is itself in cat-ammo, but an item never satisfies its own requirement.
    found = check(engine, load, spec, "missing_prerequisite")
    assert [v.proof for v in found] == [{"requires": "cat-ammo", "requires_kind": "Category"}]


# -- tech_base, intro_year, rules_level, location_restriction ------------------------------


@pytest.mark.parametrize(
    ("unit_base", "item_base", "broken"),
    [
        ("INNER_SPHERE", "CLAN", True),
        ("CLAN", "INNER_SPHERE", True),
        ("MIXED", "CLAN", False),
        ("MIXED", "INNER_SPHERE", False),
        ("CLAN", "CLAN", False),
        (None, "CLAN", False),
    ],
)
def test_tech_base(
    engine: RulesEngine, load: Load, unit_base: str | None, item_base: str, broken: bool
) -> None:
    spec = single(
        MountSpec("x", "LEFT_ARM"),
        unit=UnitSpec("U1", tech_base=unit_base),
        equipment=[EquipmentSpec("x", tech_base=item_base)],
    )
    found = check(engine, load, spec, "tech_base")
    assert bool(found) is broken
    if broken:
        assert found[0].proof == {"equipment_tech_base": item_base, "unit_tech_base": unit_base}


@pytest.mark.parametrize(("intro", "broken"), [(3051, True), (3050, False), (None, False)])
def test_intro_year(engine: RulesEngine, load: Load, intro: int | None, broken: bool) -> None:
    spec = single(
        MountSpec("x", "LEFT_ARM"),
        unit=UnitSpec("U1", year=3050),
        equipment=[EquipmentSpec("x", intro_year=intro)],
    )
    found = check(engine, load, spec, "intro_year")
    assert bool(found) is broken
    if broken:
        assert found[0].proof == {"intro_year": 3051, "unit_year": 3050}


@pytest.mark.parametrize(
    ("unit_level", "item_level", "broken"),
    [
        ("INTRODUCTORY", "STANDARD", True),
        ("STANDARD", "ADVANCED", True),
        ("ADVANCED", "EXPERIMENTAL", True),
        ("EXPERIMENTAL", "UNOFFICIAL", True),
        ("UNOFFICIAL", "EXPERIMENTAL", False),
        ("STANDARD", "STANDARD", False),
        ("STANDARD", "INTRODUCTORY", False),
        ("STANDARD", "SOMETHING_ELSE", False),
    ],
)
def test_rules_level_follows_the_documented_order(
    engine: RulesEngine, load: Load, unit_level: str, item_level: str, broken: bool
) -> None:
    spec = single(
        MountSpec("x", "LEFT_ARM"),
        unit=UnitSpec("U1", rules_level=unit_level),
        equipment=[EquipmentSpec("x", rules_level=item_level)],
    )
    assert bool(check(engine, load, spec, "rules_level")) is broken


@pytest.mark.parametrize(
    ("allowed", "broken"),
    [(["RIGHT_ARM", "HEAD"], True), (["LEFT_ARM"], False), (None, False), ([], True)],
)
def test_location_restriction(
    engine: RulesEngine, load: Load, allowed: list[str] | None, broken: bool
) -> None:
    spec = single(
        MountSpec("x", "LEFT_ARM"), equipment=[EquipmentSpec("x", allowed_locations=allowed)]
    )
    found = check(engine, load, spec, "location_restriction")
    assert bool(found) is broken
    if broken:
        assert found[0].location == "LEFT_ARM"
        assert found[0].proof == {"allowed_locations": sorted(allowed or [])}


# -- budgets -------------------------------------------------------------------------------


@pytest.mark.parametrize(("item_slots", "broken"), [(3, True), (2, False)])
def test_slot_budget_counts_fixed_slots_and_reports_used_and_capacity(
    engine: RulesEngine, load: Load, item_slots: int, broken: bool
) -> None:
    spec = single(
        MountSpec("x", "LEFT_ARM"),
        MountSpec("x", "LEFT_ARM", quantity=40),
        MountSpec("x", "RIGHT_ARM"),
        unit=UnitSpec("U1", locations=[LocationSpec("LEFT_ARM", 12, 8), LocationSpec("RIGHT_ARM")]),
        equipment=[EquipmentSpec("x", crit_slots=item_slots)],
    )
    found = check(engine, load, spec, "slot_budget")
    if broken:
        assert [(v.location, v.equipment_id, v.severity) for v in found] == [
            ("LEFT_ARM", None, "error")
        ]
        assert found[0].proof == {"used": 14, "capacity": 12, "fixed": 8, "mounted": 6}
        assert "14 of 12" in found[0].message
    else:
        assert found == []


def test_tonnage_budget_is_an_error_against_free_tonnage(engine: RulesEngine, load: Load) -> None:
    spec = single(
        MountSpec("x", "LEFT_ARM"),
        MountSpec("x", "RIGHT_ARM"),
        unit=UnitSpec("U1", free_tonnage=2.5, tonnage=50),
        equipment=[EquipmentSpec("x", tonnage=1.5)],
    )
    found = check(engine, load, spec, "tonnage_budget")
    assert [(v.severity, v.proof) for v in found] == [
        ("error", {"used": 3.0, "budget": 2.5, "basis": "free_tonnage"})
    ]
    spec.units[0].free_tonnage = 3
    assert check(engine, load, spec, "tonnage_budget") == []


def test_tonnage_budget_falls_back_to_total_tonnage_as_a_warning(
    engine: RulesEngine, load: Load
) -> None:
    spec = single(
        MountSpec("x", "LEFT_ARM"),
        unit=UnitSpec("U1", free_tonnage=None, tonnage=20),
        equipment=[EquipmentSpec("x", tonnage=25)],
    )
    found = check(engine, load, spec, "tonnage_budget")
    assert [(v.severity, v.proof["basis"]) for v in found] == [("warning", "tonnage")]
    spec.equipment[0].tonnage = 20
    assert check(engine, load, spec, "tonnage_budget") == []


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        (UnitSpec("U1", heat_dissipation=10), {"dissipation": 10, "basis": "unit"}),
        (
            UnitSpec("U1", heat_dissipation=None, heat_sink_count=5, heat_sink_type="DOUBLE"),
            {"dissipation": 10, "basis": "heat_sinks"},
        ),
        (
            UnitSpec("U1", heat_dissipation=None, heat_sink_count=10, heat_sink_type="SINGLE"),
            {"dissipation": 10, "basis": "heat_sinks"},
        ),
        (UnitSpec("U1", heat_dissipation=None), {"dissipation": 3, "basis": "mounted"}),
    ],
)
def test_heat_balance_warns_with_the_numbers(
    engine: RulesEngine, load: Load, unit: UnitSpec, expected: dict[str, object]
) -> None:
    spec = single(
        MountSpec("ppc", "LEFT_ARM"),
        MountSpec("ppc", "RIGHT_ARM"),
        MountSpec("sink", "RIGHT_ARM"),
        MountSpec("hot-non-weapon", "RIGHT_ARM"),
        unit=unit,
        equipment=[
            EquipmentSpec("ppc", is_weapon=True, heat=6),
            EquipmentSpec("sink", heat_dissipation=3),
            EquipmentSpec("hot-non-weapon", heat=50, is_weapon=False),
        ],
    )
    found = check(engine, load, spec, "heat_balance")
    assert [(v.severity, v.proof) for v in found] == [("warning", {"weapon_heat": 12, **expected})]
    spec.equipment[0].heat = 1
    assert check(engine, load, spec, "heat_balance") == []


# -- limits and placeholders ---------------------------------------------------------------


def test_max_per_location_and_max_per_unit(engine: RulesEngine, load: Load) -> None:
    spec = single(
        MountSpec("case", "LEFT_ARM"),
        MountSpec("case", "LEFT_ARM"),
        MountSpec("case", "RIGHT_ARM"),
        equipment=[EquipmentSpec("case", max_per_location=1, max_per_unit=3)],
    )
    load(spec)
    violations = engine.validate("L1").violations
    per_location = of_rule(violations, "max_per_location")
    assert [(v.location, v.proof) for v in per_location] == [("LEFT_ARM", {"count": 2, "limit": 1})]
    assert of_rule(violations, "max_per_unit") == []
    spec.equipment[0].max_per_unit = 2
    found = check(engine, load, spec, "max_per_unit")
    assert [(v.equipment_id, v.location, v.proof) for v in found] == [
        ("case", None, {"count": 3, "limit": 2})
    ]


def test_an_unresolved_placeholder_is_a_warning(engine: RulesEngine, load: Load) -> None:
    spec = single(
        MountSpec("unresolved:ISMystery", "LEFT_ARM"),
        MountSpec("x", "LEFT_ARM"),
        equipment=[EquipmentSpec("unresolved:ISMystery", unresolved=True), EquipmentSpec("x")],
    )
    load(spec)
    result = engine.validate("L1")
    assert [(v.rule, v.severity, v.equipment_id) for v in result.violations] == [
        ("unresolved_equipment", "warning", "unresolved:ISMystery")
    ]
    assert result.violations[0].proof == {
        "original_id": "ISMystery",
        "candidates": ["cand-a", "cand-b"],
    }
    assert result.is_valid


def test_a_clean_loadout_has_no_violations(engine: RulesEngine, load: Load) -> None:
    spec = single(
        MountSpec("x", "LEFT_ARM"),
        MountSpec("y", "RIGHT_ARM"),
        equipment=[EquipmentSpec("x", is_weapon=True, heat=3), EquipmentSpec("y")],
        conflicts=[("x", "z")],
    )
    load(spec)
    result = engine.validate("L1")
    assert result.violations == []
    assert result.is_valid
