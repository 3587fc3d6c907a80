"""Construction weights: the rules pack's TechManual tables, checked against a plain-Python
reference written from the tables' wording (fractions, no shared code), and known designs."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from graphstore.resources import rules_pack_path
from graphstore.store.construction import (
    COMPONENTS,
    ConstructionTables,
    Design,
    free_tonnage,
    shipped_tables,
    weights,
)

TABLES: dict[str, Any] = yaml.safe_load(rules_pack_path().read_text())["construction"]


def _up_to_half(value: Fraction) -> Fraction:
    halves = value * 2
    whole = halves.numerator // halves.denominator
    return Fraction(whole + (1 if whole < halves else 0), 2)


def _reference(d: Design) -> dict[str, Fraction]:
    """The TechManual's construction weights, from the tables' wording, in exact fractions.
    Only called with inputs the tables know."""
    t = TABLES
    assert d.tonnage is not None
    assert d.engine_rating is not None
    fusion = Fraction(str(t["fusion_engine_weight"][d.engine_rating // 5]))
    free_sinks = t["free_heat_sinks"][d.engine_type]
    band = next(b for b in t["jump_jet_weight"] if d.tonnage <= b["max_tonnage"])
    return {
        "engine": _up_to_half(fusion * Fraction(str(t["engine_factor"][d.engine_type]))),
        "gyro": _up_to_half(
            -(-d.engine_rating // 100) * Fraction(str(t["gyro_factor"][d.gyro_type]))
        ),
        "cockpit": Fraction(str(t["cockpit_weight"][d.cockpit_type])),
        "structure": _up_to_half(
            Fraction(str(d.tonnage)) * Fraction(str(t["structure_fraction"][d.structure_type]))
        ),
        "armor": _up_to_half(
            Fraction(d.armor_points or 0)
            / (t["armor_points_per_ton"] * Fraction(str(t["armor_factor"][d.armor_type])))
        ),
        "heat_sinks": _up_to_half(
            max(0, (d.heat_sink_count or 0) - free_sinks)
            * Fraction(str(t["heat_sink_weight"][d.heat_sink_type]))
        ),
        "jump_jets": _up_to_half((d.jump_mp or 0) * Fraction(str(band["weight"]))),
    }


designs = st.builds(
    Design,
    tonnage=st.integers(4, 40).map(lambda n: n * 5),
    engine_type=st.sampled_from(sorted(TABLES["engine_factor"])),
    engine_rating=st.integers(2, 100).map(lambda n: n * 5),
    gyro_type=st.sampled_from(sorted(TABLES["gyro_factor"])),
    cockpit_type=st.sampled_from(sorted(TABLES["cockpit_weight"])),
    structure_type=st.sampled_from(sorted(TABLES["structure_fraction"])),
    armor_type=st.sampled_from(sorted(TABLES["armor_factor"])),
    armor_points=st.integers(0, 640),
    heat_sink_type=st.sampled_from(sorted(TABLES["heat_sink_weight"])),
    heat_sink_count=st.integers(0, 40),
    jump_mp=st.integers(0, 12),
)


@settings(max_examples=400, deadline=None)
@given(designs)
def test_weights_match_the_reference_tables(design: Design) -> None:
    found = weights(design)
    expected = _reference(design)
    assert list(found) == list(COMPONENTS)
    for name in COMPONENTS:
        assert found[name].tons == pytest.approx(float(expected[name])), name
    assert free_tonnage(design) == pytest.approx(
        float(Fraction(str(design.tonnage)) - sum(expected.values()))
    )


# The published Atlas AS7-D's construction fields (its unit's, minus the tonnage).
ATLAS_AS7_D: dict[str, Any] = {
    "engine_type": "FUSION",
    "engine_rating": 300,
    "gyro_type": "STANDARD",
    "cockpit_type": "STANDARD",
    "structure_type": "STANDARD",
    "armor_type": "STANDARD",
    "armor_points": 304,
    "heat_sink_type": "SINGLE",
    "heat_sink_count": 20,
    "jump_mp": 0,
}


def _atlas(**changes: Any) -> Design:
    return Design(**({"tonnage": 100, **ATLAS_AS7_D} | changes))


def test_the_atlas_as7_d_leaves_its_published_36_tons_for_equipment() -> None:
    # TechManual's Atlas AS7-D: engine 19, gyro 3, cockpit 3, structure 10, armor 19 (304
    # points), 10 extra heat sinks: 64 t, so 36 t carry an AC/20, LRM 20, SRM 6, 4 medium
    # lasers and their ammunition.
    tons = {name: w.tons for name, w in weights(_atlas()).items()}
    assert tons == {
        "engine": 19.0,
        "gyro": 3.0,
        "cockpit": 3.0,
        "structure": 10.0,
        "armor": 19.0,
        "heat_sinks": 10.0,
        "jump_jets": 0.0,
    }
    assert free_tonnage(_atlas()) == 36.0
    assert weights(_atlas())["engine"].inputs == {"type": "FUSION", "rating": 300}


def test_an_unknown_input_leaves_the_free_tonnage_unknown() -> None:
    assert weights(_atlas(armor_type="UNOBTAINIUM"))["armor"].tons is None
    assert free_tonnage(_atlas(armor_type="UNOBTAINIUM")) is None
    assert free_tonnage(_atlas(engine_rating=None)) is None
    assert free_tonnage(_atlas(engine_rating=303)) is None  # ratings come in steps of 5
    assert free_tonnage(_atlas(tonnage=None)) is None


def test_the_shipped_tables_are_the_rules_packs() -> None:
    assert shipped_tables() == ConstructionTables.model_validate(TABLES)
