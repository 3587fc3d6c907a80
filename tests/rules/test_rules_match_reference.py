"""Property-based: on random small graphs, the Cypher rules agree exactly with reference.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore import RulesEngine, Violation
from testkit.graph_spec import (
    CODES,
    CategorySpec,
    EquipmentSpec,
    GraphSpec,
    LoadoutSpec,
    LocationSpec,
    MountSpec,
    OverrideSpec,
    UnitSpec,
)
from testkit.rules_reference import LEVELS, SEVERITY, Reference, RefViolation, violation_key

Load = Callable[[GraphSpec], None]

PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TECH = st.sampled_from([None, "INNER_SPHERE", "CLAN"])
LEVEL = st.sampled_from([None, *LEVELS, "HOUSE_RULE"])
YEAR = st.sampled_from([None, 3000, 3050, 3100])


@st.composite
def graphs(draw: st.DrawFn) -> GraphSpec:
    categories: list[CategorySpec] = []
    for index in range(draw(st.integers(0, 4))):
        parent = draw(st.sampled_from([None, *[c.id for c in categories]]))
        categories.append(CategorySpec(f"cat{index}", parent))
    category_ids = [c.id for c in categories]

    equipment = [
        EquipmentSpec(
            f"e{index}",
            name=draw(st.sampled_from([None, f"Item {index}"])),
            tech_base=draw(TECH),
            rules_level=draw(LEVEL),
            intro_year=draw(YEAR),
            tonnage=draw(st.sampled_from([None, 0, 0.5, 1, 2.5, 5])),
            crit_slots=draw(st.sampled_from([None, 0, 1, 2, 4])),
            heat=draw(st.sampled_from([None, 0, 3, 8])),
            heat_dissipation=draw(st.sampled_from([None, 0, 1, 2])),
            is_weapon=draw(st.sampled_from([None, True, False])),
            allowed_locations=draw(
                st.none() | st.lists(st.sampled_from(CODES), max_size=3, unique=True)
            ),
            max_per_location=draw(st.sampled_from([None, 0, 1, 2])),
            max_per_unit=draw(st.sampled_from([None, 1, 2, 3])),
            categories=draw(st.lists(st.sampled_from(category_ids), unique=True, max_size=2))
            if category_ids
            else [],
            deleted=draw(st.booleans().map(lambda b: b and draw(st.booleans()))),
        )
        for index in range(draw(st.integers(1, 6)))
    ]
    if draw(st.booleans()):
        equipment.append(EquipmentSpec("unresolved:u0", unresolved=True))
    equipment_ids = [e.id for e in equipment]
    targets = equipment_ids + category_ids
    pairs = st.lists(
        st.tuples(st.sampled_from(equipment_ids), st.sampled_from(targets)),
        max_size=4,
        unique=True,
    )

    units = [
        UnitSpec(
            f"u{index}",
            tech_base=draw(st.sampled_from([None, "INNER_SPHERE", "CLAN", "MIXED"])),
            rules_level=draw(LEVEL),
            year=draw(YEAR),
            tonnage=draw(st.sampled_from([None, 5, 20])),
            free_tonnage=draw(st.sampled_from([None, 2, 5])),
            heat_dissipation=draw(st.sampled_from([None, 0, 5, 10])),
            heat_sink_count=draw(st.sampled_from([None, 2, 5])),
            heat_sink_type=draw(st.sampled_from([None, "SINGLE", "DOUBLE_CLAN", "Laser", "ODD"])),
            locations=[
                LocationSpec(
                    code,
                    draw(st.sampled_from([None, 2, 4, 6])),
                    draw(st.sampled_from([None, 0, 1, 3])),
                )
                for code in draw(st.lists(st.sampled_from(CODES), unique=True, max_size=4))
            ],
            deleted=draw(st.booleans().map(lambda b: b and draw(st.booleans()))),
        )
        for index in range(draw(st.integers(1, 2)))
    ]
    unit_ids = [u.id for u in units]
    loadouts = [
        LoadoutSpec(
            f"l{index}",
            draw(st.sampled_from(unit_ids)),
            draw(
                st.lists(
                    st.builds(
                        MountSpec,
                        st.sampled_from(equipment_ids),
                        st.sampled_from(CODES),
                        st.integers(1, 3),
                    ),
                    max_size=6,
                )
            ),
            deleted=draw(st.booleans().map(lambda b: b and draw(st.booleans()))),
            is_stock=draw(st.booleans()),
        )
        for index in range(draw(st.integers(1, 3)))
    ]
    holders = [("Loadout", lo.id) for lo in loadouts] + [("Unit", u) for u in unit_ids]
    overrides = [
        OverrideSpec(f"ov{index}", kind, holder, rule, item)
        for index, ((kind, holder), rule, item) in enumerate(
            draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(holders),
                        st.sampled_from(sorted(SEVERITY)),
                        st.sampled_from([None, *equipment_ids]),
                    ),
                    max_size=3,
                )
            )
        )
    ]
    return GraphSpec(
        units=units,
        equipment=equipment,
        categories=categories,
        conflicts=draw(pairs),
        requires=draw(pairs),
        loadouts=loadouts,
        overrides=overrides,
    )


def cypher_keys(violations: list[Violation]) -> Counter[tuple[Any, ...]]:
    return Counter(
        violation_key(
            v.loadout_id, v.rule, v.severity, v.status, v.equipment_id, v.location, v.proof
        )
        for v in violations
    )


def reference_keys(violations: list[RefViolation]) -> Counter[tuple[Any, ...]]:
    return Counter(v.key() for v in violations)


@PROPERTY_SETTINGS
@given(spec=graphs())
def test_validate_all_agrees_with_the_reference(
    engine: RulesEngine, load: Load, spec: GraphSpec
) -> None:
    load(spec)
    reference = Reference(spec)
    run = engine.validate_all()
    results = {result.loadout_id: result for result in run}
    assert sorted(results) == reference.live_loadouts()
    for loadout_id, result in results.items():
        assert cypher_keys(result.violations) == reference_keys(reference.violations(loadout_id))
        assert result.violations == sorted(result.violations, key=Violation.sort_key)
        assert all(v.message for v in result.violations)
    expected_errors = sum(len(r.errors) for r in results.values())
    assert run.summary.errors == expected_errors


@PROPERTY_SETTINGS
@given(spec=graphs(), data=st.data())
def test_explain_and_compatible_equipment_agree_with_the_reference(
    engine: RulesEngine, load: Load, spec: GraphSpec, data: st.DataObject
) -> None:
    load(spec)
    reference = Reference(spec)
    live = reference.live_loadouts()
    if not live:
        return
    loadout_id = data.draw(st.sampled_from(live))
    location = data.draw(st.sampled_from(CODES))
    candidate = data.draw(st.sampled_from([e.id for e in spec.equipment]))

    explained = engine.explain(loadout_id, candidate, location)
    assert cypher_keys(explained) == reference_keys(
        reference.explain(loadout_id, candidate, location)
    )

    offered = engine.compatible_equipment(loadout_id, location, include_excluded=True)
    expected: dict[str, bool] = {}
    for item in spec.equipment:
        if item.unresolved or item.deleted:
            continue
        found = reference.explain(loadout_id, item.id, location)
        expected[item.id] = not any(v.severity == "error" and v.status == "open" for v in found)
    assert {c.equipment_id: c.compatible for c in offered} == expected
    only_compatible = engine.compatible_equipment(loadout_id, location)
    assert [c.equipment_id for c in only_compatible] == sorted(
        item_id for item_id, ok in expected.items() if ok
    )
