"""validate / validate_all / explain / compatible_equipment / overrides, on small graphs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graphstore import (
    AcceptedViolationCreate,
    Graph,
    RulesEngine,
    ValidationFilter,
    compatible_equipment,
    explain,
    validate,
    validate_all,
)
from graphstore.errors import NotFoundError, RuleDefinitionError
from graphstore.readmodel import read_model
from testkit.graph_spec import (
    CategorySpec,
    EquipmentSpec,
    GraphSpec,
    LoadoutSpec,
    LocationSpec,
    MountSpec,
    OverrideSpec,
    UnitSpec,
)

Load = Callable[[GraphSpec], None]


def workshop() -> GraphSpec:
    """A CLAN unit with a few problems, a clean IS unit, and a catalog to choose from."""
    return GraphSpec(
        units=[
            UnitSpec(
                "clan",
                tech_base="CLAN",
                heat_dissipation=5,
                locations=[LocationSpec("LEFT_ARM", 4, 2), LocationSpec("RIGHT_ARM", 12, 0)],
            ),
            UnitSpec("is", tech_base="INNER_SPHERE"),
        ],
        equipment=[
            EquipmentSpec("er-laser", tech_base="CLAN", is_weapon=True, heat=12),
            EquipmentSpec("is-laser", tech_base="INNER_SPHERE", is_weapon=True, heat=3),
            EquipmentSpec("tsm", tech_base="CLAN", categories=["cat-myomer"]),
            EquipmentSpec("masc", tech_base="CLAN", categories=["cat-myomer"]),
            EquipmentSpec("arm-only", tech_base="CLAN", allowed_locations=["LEFT_ARM"]),
            EquipmentSpec("big", tech_base="CLAN", crit_slots=3),
            EquipmentSpec("old-deleted", tech_base="CLAN", deleted=True),
            EquipmentSpec("unresolved:thing", unresolved=True),
        ],
        categories=[CategorySpec("cat-myomer")],
        conflicts=[("masc", "cat-myomer")],
        loadouts=[
            LoadoutSpec(
                "clan-a",
                "clan",
                [MountSpec("er-laser", "RIGHT_ARM"), MountSpec("is-laser", "RIGHT_ARM")],
            ),
            LoadoutSpec("clan-b", "clan", [MountSpec("tsm", "LEFT_ARM")], is_stock=False),
            LoadoutSpec("clan-gone", "clan", [MountSpec("is-laser", "LEFT_ARM")], deleted=True),
            LoadoutSpec("is-a", "is", [MountSpec("is-laser", "LEFT_ARM")]),
        ],
    )


def test_validate_sorts_errors_then_warnings_then_accepted(engine: RulesEngine, load: Load) -> None:
    spec = workshop()
    spec.overrides.append(OverrideSpec("ov1", "Loadout", "clan-a", "tech_base", "is-laser"))
    load(spec)
    result = engine.validate("clan-a")
    assert [(v.rule, v.severity, v.status) for v in result.violations] == [
        ("heat_balance", "warning", "open"),
        ("tech_base", "error", "accepted"),
    ]
    accepted = result.violations[1]
    assert accepted.accepted is not None
    assert (accepted.accepted.id, accepted.accepted.holder) == ("ov1", "Loadout")
    assert accepted.accepted.accepted_at is not None
    assert result.is_valid
    assert result.warnings == [result.violations[0]]


def test_an_override_for_another_item_does_not_apply(engine: RulesEngine, load: Load) -> None:
    spec = workshop()
    spec.overrides.append(OverrideSpec("ov1", "Unit", "clan", "tech_base", "er-laser"))
    load(spec)
    result = engine.validate("clan-a")
    assert [(v.rule, v.status) for v in result.errors] == [("tech_base", "open")]
    assert not result.is_valid


def test_a_unit_override_without_equipment_covers_every_loadout_of_the_unit(
    engine: RulesEngine, load: Load
) -> None:
    spec = workshop()
    spec.overrides.append(OverrideSpec("ov1", "Unit", "clan", "tech_base", None))
    load(spec)
    violation = engine.validate("clan-a").accepted[0]
    assert violation.rule == "tech_base"
    assert violation.accepted is not None
    assert violation.accepted.holder == "Unit"


def test_accept_violation_records_an_override(engine: RulesEngine, load: Load) -> None:
    load(workshop())
    override = engine.accept_violation(
        "Loadout",
        "clan-a",
        AcceptedViolationCreate(
            rule="tech_base", equipment_id="is-laser", reason="canon", accepted_by="ed"
        ),
    )
    assert override.accepted_at is not None
    assert engine.validate("clan-a").is_valid
    with pytest.raises(NotFoundError):
        engine.accept_violation(
            "Unit", "nope", AcceptedViolationCreate(rule="tech_base", reason="r", accepted_by="x")
        )
    with pytest.raises(RuleDefinitionError):
        engine.accept_violation(
            "Unit", "clan", AcceptedViolationCreate(rule="nope", reason="r", accepted_by="x")
        )


def test_validate_refuses_missing_and_soft_deleted_loadouts(
    engine: RulesEngine, load: Load
) -> None:
    load(workshop())
    for loadout_id in ("nope", "clan-gone"):
        with pytest.raises(NotFoundError, match=loadout_id):
            engine.validate(loadout_id)


def test_validate_is_read_only(migrated: Graph, load: Load) -> None:
    load(workshop())

    def counts() -> list[dict[str, object]]:
        return migrated.read("health/node_count")

    # The read model (which validate reads stored verdicts from) marks a graph once, on its
    # first use there (its epoch node, docs/read-model.md); validating adds nothing to it.
    read_model(migrated).refresh()
    before = counts()
    validate(migrated, "clan-a")
    validate(migrated, "clan-a")  # the stored verdict, this time
    explain(migrated, "clan-a", "tsm", "LEFT_ARM")
    compatible_equipment(migrated, "clan-a", "LEFT_ARM", include_excluded=True)
    assert counts() == before


def test_validate_all_streams_live_loadouts_with_per_rule_counts(
    migrated: Graph, load: Load
) -> None:
    load(workshop())
    run = validate_all(migrated)
    assert run.total == 3
    seen = [result.loadout_id for result in run]
    assert seen == ["clan-a", "clan-b", "is-a"], "soft-deleted loadouts are skipped"
    summary = run.summary
    assert summary.loadouts == 3
    assert summary.loadouts_with_errors == 1
    assert summary.by_rule["tech_base"].errors == 1
    assert summary.by_rule["heat_balance"].warnings == 1
    assert (summary.errors, summary.warnings, summary.accepted) == (1, 1, 0)


def test_validate_all_filters_and_batches(engine: RulesEngine, load: Load) -> None:
    load(workshop())
    clan = engine.validate_all(ValidationFilter(tech_base="CLAN"), batch_size=1)
    assert [r.loadout_id for r in clan] == ["clan-a", "clan-b"]
    stock = engine.validate_all(ValidationFilter(is_stock=False))
    assert [r.loadout_id for r in stock] == ["clan-b"]
    assert engine.validate_all(ValidationFilter(unit_ids=["is"])).run().loadouts == 1


def test_validate_all_keeps_order_when_batches_run_at_once(engine: RulesEngine, load: Load) -> None:
    load(workshop())
    whole = [r.model_dump() for r in engine.validate_all(batch_size=100, reuse=False)]
    one_by_one = engine.validate_all(batch_size=1, reuse=False)  # several batches in flight
    assert [r.model_dump() for r in one_by_one] == whole
    assert one_by_one.summary == engine.validate_all(reuse=False).run()
    stopped = iter(engine.validate_all(batch_size=1, reuse=False))
    assert next(stopped).model_dump() == whole[0]
    stopped.close()  # a consumer that stops early leaves nothing running or raising


def test_explain_names_each_rule_the_item_would_break(engine: RulesEngine, load: Load) -> None:
    load(workshop())
    found = engine.explain("clan-b", "masc", "RIGHT_ARM")
    # masc conflicts with the myomer category tsm belongs to: both sides are reported.
    assert sorted((v.rule, v.equipment_id, v.location) for v in found) == [
        ("conflict", "masc", "RIGHT_ARM"),
        ("conflict", "tsm", "LEFT_ARM"),
    ]
    assert engine.explain("clan-b", "tsm", "RIGHT_ARM") == []
    slots = engine.explain("clan-b", "big", "LEFT_ARM")
    assert [(v.rule, v.proof["used"], v.proof["capacity"]) for v in slots] == [
        ("slot_budget", 6, 4)
    ]
    with pytest.raises(NotFoundError, match="Equipment"):
        engine.explain("clan-b", "nope", "LEFT_ARM")
    with pytest.raises(NotFoundError, match="Loadout"):
        engine.explain("nope", "tsm", "LEFT_ARM")


def test_compatible_equipment_offers_what_fits_without_an_error(
    engine: RulesEngine, load: Load
) -> None:
    load(workshop())
    offered = engine.compatible_equipment("clan-b", "RIGHT_ARM")
    # er-laser only warns about heat: warnings do not exclude.
    assert [c.equipment_id for c in offered] == ["big", "er-laser", "tsm"]
    assert all(c.compatible for c in offered)
    heat = next(c for c in offered if c.equipment_id == "er-laser").violations
    assert [v.rule for v in heat] == ["heat_balance"]


def test_compatible_equipment_can_list_exclusions_with_their_rules(
    engine: RulesEngine, load: Load
) -> None:
    spec = workshop()
    spec.overrides.append(OverrideSpec("ov1", "Unit", "clan", "location_restriction", None))
    load(spec)
    everything = {
        c.equipment_id: c
        for c in engine.compatible_equipment("clan-b", "RIGHT_ARM", include_excluded=True)
    }
    assert set(everything) == {"arm-only", "big", "er-laser", "is-laser", "masc", "tsm"}, (
        "unresolved and soft-deleted items are never offered"
    )
    assert not everything["is-laser"].compatible
    assert [v.rule for v in everything["is-laser"].violations if v.is_blocking] == ["tech_base"]
    assert {v.rule for v in everything["masc"].violations} == {"conflict"}
    # An accepted violation does not exclude.
    assert everything["arm-only"].compatible
    assert [v.status for v in everything["arm-only"].violations] == ["accepted"]


def test_compatible_equipment_needs_a_live_loadout(engine: RulesEngine, load: Load) -> None:
    load(workshop())
    with pytest.raises(NotFoundError):
        engine.compatible_equipment("clan-gone", "LEFT_ARM")
