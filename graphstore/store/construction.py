"""A 'Mech's structural weights from the TechManual's construction tables.

The tables are data: the `construction` section of the rules pack
(data/rules/battletech.yaml). This module only applies them: engine (fusion weight of the
rating times the type's factor), gyro (ceil(rating / 100) times the type's factor), cockpit,
internal structure (a fraction of the tonnage), armor (points / (16 x the type's factor)),
heat sinks beyond the engine's free ones, and jump jets (per jet, by tonnage band). Each is
rounded up to the next half ton, as the TechManual does. The free tonnage, what is left for
equipment, is the tonnage minus their sum.

A weight whose inputs are missing or name a type the tables do not list is unknown, and so
is the free tonnage then: an unknown is never guessed as zero.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, PositiveInt

from graphstore.resources import rules_pack_path

COMPONENTS = ("engine", "gyro", "cockpit", "structure", "armor", "heat_sinks", "jump_jets")


class JumpJetBand(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_tonnage: PositiveInt
    weight: PositiveFloat


class ConstructionTables(BaseModel):
    """The rules pack's `construction` section (its comments say what each table is)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fusion_engine_weight: list[float] = Field(min_length=2)
    engine_factor: dict[str, PositiveFloat]
    free_heat_sinks: dict[str, int]
    gyro_factor: dict[str, PositiveFloat]
    cockpit_weight: dict[str, PositiveFloat]
    structure_fraction: dict[str, PositiveFloat]
    armor_factor: dict[str, PositiveFloat]
    armor_points_per_ton: PositiveInt
    heat_sink_weight: dict[str, PositiveFloat]
    jump_jet_weight: list[JumpJetBand] = Field(min_length=1)


@cache
def shipped_tables() -> ConstructionTables:
    """The construction tables of the rules pack this installation ships."""
    document = yaml.safe_load(rules_pack_path().read_text(encoding="utf-8"))
    return ConstructionTables.model_validate(document["construction"])


@dataclass(frozen=True)
class Design:
    """What the construction weights are computed from (a unit's properties)."""

    tonnage: float | None
    engine_type: str | None
    engine_rating: int | None
    gyro_type: str | None
    cockpit_type: str | None
    structure_type: str | None
    armor_type: str | None
    armor_points: int | None
    heat_sink_type: str | None
    heat_sink_count: int | None
    jump_mp: int | None

    @classmethod
    def of(cls, unit: dict[str, Any]) -> Design:
        return cls(**{name: unit.get(name) for name in cls.__dataclass_fields__})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Weight:
    """One component's weight in tons (None: unknown) and the inputs it was computed from."""

    tons: float | None
    inputs: dict[str, Any]


def half_ton_up(tons: float) -> float:
    # The epsilon keeps 5.0000000001 (float noise in a product) at 5.0.
    return math.ceil(tons * 2 - 1e-9) / 2


def _known(*values: Any) -> bool:
    return all(value is not None for value in values)


def weights(design: Design, tables: ConstructionTables | None = None) -> dict[str, Weight]:
    """Every structural component's weight, in COMPONENTS order."""
    t = tables or shipped_tables()
    d = design
    found: dict[str, Weight] = {}

    engine: float | None = None
    rating_index = None if d.engine_rating is None else d.engine_rating / 5
    if (
        rating_index is not None
        and rating_index.is_integer()
        and int(rating_index) < len(t.fusion_engine_weight)
        and d.engine_type in t.engine_factor
    ):
        fusion = t.fusion_engine_weight[int(rating_index)]
        engine = half_ton_up(fusion * t.engine_factor[d.engine_type])
    found["engine"] = Weight(engine, {"type": d.engine_type, "rating": d.engine_rating})

    gyro: float | None = None
    if d.engine_rating is not None and d.gyro_type in t.gyro_factor:
        gyro = half_ton_up(math.ceil(d.engine_rating / 100) * t.gyro_factor[d.gyro_type])
    found["gyro"] = Weight(gyro, {"type": d.gyro_type, "engine_rating": d.engine_rating})

    found["cockpit"] = Weight(t.cockpit_weight.get(d.cockpit_type or ""), {"type": d.cockpit_type})

    structure: float | None = None
    if d.tonnage is not None and d.structure_type in t.structure_fraction:
        structure = half_ton_up(d.tonnage * t.structure_fraction[d.structure_type])
    found["structure"] = Weight(structure, {"type": d.structure_type, "tonnage": d.tonnage})

    armor: float | None = None
    if d.armor_points is not None and d.armor_type in t.armor_factor:
        per_ton = t.armor_points_per_ton * t.armor_factor[d.armor_type]
        armor = half_ton_up(d.armor_points / per_ton)
    found["armor"] = Weight(armor, {"type": d.armor_type, "points": d.armor_points})

    sinks: float | None = None
    free = t.free_heat_sinks.get(d.engine_type or "")
    if _known(d.heat_sink_count, free) and d.heat_sink_type in t.heat_sink_weight:
        extra = max(0, (d.heat_sink_count or 0) - (free or 0))
        sinks = half_ton_up(extra * t.heat_sink_weight[d.heat_sink_type or ""])
    found["heat_sinks"] = Weight(
        sinks, {"type": d.heat_sink_type, "count": d.heat_sink_count, "free": free}
    )

    jets: float | None = None
    if d.jump_mp is not None and d.tonnage is not None:
        band = next((b for b in t.jump_jet_weight if d.tonnage <= b.max_tonnage), None)
        if band is not None:
            jets = half_ton_up(d.jump_mp * band.weight)
    found["jump_jets"] = Weight(jets, {"jump_mp": d.jump_mp, "tonnage": d.tonnage})
    return found


def structural_weight(design: Design, tables: ConstructionTables | None = None) -> float | None:
    """The sum of every component's weight; None when any is unknown."""
    tons = [w.tons for w in weights(design, tables).values()]
    if any(value is None for value in tons):
        return None
    return sum(value for value in tons if value is not None)


def free_tonnage(design: Design, tables: ConstructionTables | None = None) -> float | None:
    """The tonnage left for equipment; None when the tonnage or any weight is unknown."""
    structural = structural_weight(design, tables)
    if structural is None or design.tonnage is None:
        return None
    return round(design.tonnage - structural, 3)
