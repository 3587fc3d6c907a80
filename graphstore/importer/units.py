"""Unit files: a megamek-web BattleMech becomes a Unit, its Locations and its stock mounts.

Locations: the unit's configuration decides which location codes exist (Biped and LAM:
head, torsos, arms, legs; Quad: head, torsos, four legs). Each gets crit_slots = the length
of its `criticalSlots` list, or the model's standard capacity when the file has no list.

Fixed occupants: every filled slot of a location that the stock loadout's mounts do not
account for (engine, gyro, actuators, cockpit, structure and armor slots, heat sinks, jump
jets, ammunition bins…). A mount accounts for up to its item's crit_slots filled slots in
its location whose names resolve to the same catalog item. So fixed_slots plus the mounted
items' slots equals the filled slots whenever the names agree; `fixed` lists the slot names
in order (its length is fixed_slots). A location without a slot list has fixed = null and
fixed_slots = null (unknown).

Mount locations: `LOC`, `LOC_(R)` (rear), `LOC,_AMMO:N` (quantity N), or the flag
`isRearMounted`. A code the configuration does not have is an error for that mount only.

heat_dissipation: heatSinks.count times what one sink of its type dissipates
(graphstore.store.enums.HEAT_PER_SINK); null for a type not listed there. free_tonnage: the
tonnage minus the structural weights (engine, gyro, cockpit, structure, armor, extra heat
sinks, jump jets) computed from the file's construction fields with the rules pack's
TechManual tables (graphstore.store.construction); null when one of them is unknown.

Ids: a file's `id` that is not URL-safe is rewritten (graphstore.importer.ids) and the report
lists the rewrite; the stock loadout is `<unit id>.stock`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from graphstore.importer.ids import placeholder_id, store_id
from graphstore.importer.report import ImportReport
from graphstore.importer.resolution import Resolution, Resolver
from graphstore.importer.sources import (
    content_hash,
    field_path,
    files_under,
    read_json,
    relative_name,
)
from graphstore.store.construction import Design, free_tonnage
from graphstore.store.enums import heat_per_sink

_TORSOS = ["HEAD", "CENTER_TORSO", "LEFT_TORSO", "RIGHT_TORSO"]
_BIPED = [*_TORSOS, "LEFT_ARM", "RIGHT_ARM", "LEFT_LEG", "RIGHT_LEG"]
_QUAD = [*_TORSOS, "FRONT_LEFT_LEG", "FRONT_RIGHT_LEG", "REAR_LEFT_LEG", "REAR_RIGHT_LEG"]
_CAPACITY = {"HEAD": 6, "CENTER_TORSO": 12, "LEFT_TORSO": 12, "RIGHT_TORSO": 12}
_MOUNT_LOCATION = re.compile(r"^(?P<code>[A-Z_]+?)(?P<rear>_\(R\))?(?:,_AMMO:(?P<shots>\d+))?$")
_SLOT_MARKERS = re.compile(r"\s*\((omnipod|r)\)", re.IGNORECASE)
# Slot names of the chassis itself, never of a mounted item (used only to place a mount
# whose slots have a name that resolves to no catalog item).
_CONSTRUCTION = re.compile(
    r"engine|gyro|cockpit|life support|sensors|shoulder|hip|actuator|endo|ferro|lamellor"
    r"|stealth|reflective|reactive|hardened|impact|reinforced|composite|heat ?sink|jump jet"
    r"|ammo|case|armor|structure|myomer|tsm|masc",
    re.IGNORECASE,
)
_GYRO_SLOT = re.compile(r"gyro", re.IGNORECASE)
_GYRO_BY_SLOTS = {6: "XL", 2: "COMPACT"}
STOCK_SUFFIX = "stock"
STOCK_LOADOUT_NAME = "Stock"
# Bump when the mapping from files to graph changes, so every unit is rewritten once.
FORMAT_VERSION = 5


class RawMount(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: StrictStr
    location: StrictStr
    isRearMounted: bool = False


class RawEngine(BaseModel):
    type: StrictStr | None = None
    rating: StrictInt | None = None


class RawTyped(BaseModel):
    type: StrictStr | None = None


ArmorPoints = StrictInt | dict[str, StrictInt]


class RawArmor(BaseModel):
    type: StrictStr | None = None
    allocation: dict[str, ArmorPoints] | None = None

    @property
    def points(self) -> int | None:
        """Every location's points, front and rear; None without an allocation."""
        if self.allocation is None:
            return None
        return sum(
            sum(value.values()) if isinstance(value, dict) else value
            for value in self.allocation.values()
        )


class RawHeatSinks(BaseModel):
    type: StrictStr | None = None
    count: StrictInt | None = None


class RawMovement(BaseModel):
    walk: StrictInt | None = None
    jump: StrictInt | None = None


class RawUnit(BaseModel):
    """The unit fields the importer reads, validated. Required: id, chassis, model, tonnage,
    equipment and criticalSlots."""

    model_config = ConfigDict(extra="allow")

    id: StrictStr = Field(min_length=1)
    chassis: StrictStr
    model: StrictStr
    tonnage: StrictInt
    equipment: list[RawMount]
    criticalSlots: dict[str, list[StrictStr | None]]
    unitType: StrictStr | None = None
    configuration: StrictStr | None = None
    techBase: StrictStr | None = None
    rulesLevel: StrictStr | None = None
    era: StrictStr | None = None
    year: StrictInt | None = None
    battleValue: StrictInt | None = None
    engine: RawEngine = Field(default_factory=RawEngine)
    gyro: RawTyped = Field(default_factory=RawTyped)
    cockpit: StrictStr | None = None
    structure: RawTyped = Field(default_factory=RawTyped)
    armor: RawArmor = Field(default_factory=RawArmor)
    heatSinks: RawHeatSinks = Field(default_factory=RawHeatSinks)
    movement: RawMovement = Field(default_factory=RawMovement)
    role: StrictStr | None = None
    source: StrictStr | None = None
    mulId: StrictInt | None = None


@dataclass(frozen=True)
class MountRecord:
    mount_id: str
    original_id: str
    location: str
    rear: bool
    quantity: int
    resolution: Resolution

    @property
    def equipment_id(self) -> str:
        if self.resolution.equipment_id is not None:
            return self.resolution.equipment_id
        return placeholder_id(self.original_id)


@dataclass
class UnitRecord:
    """One unit file, ready for the store: its UnitCreate and stock LoadoutCreate inputs."""

    id: str
    source_id: str
    file: str
    props: dict[str, Any]
    locations: list[dict[str, Any]]
    mounts: list[MountRecord] = field(default_factory=list)
    # (kind, what): where the file's other evidence corrected a field, for the report
    corrections: list[tuple[str, str]] = field(default_factory=list)

    @property
    def loadout_id(self) -> str:
        return f"{self.id}.{STOCK_SUFFIX}"

    def unit(self) -> dict[str, Any]:
        """The UnitCreate input."""
        return {"id": self.id, **self.props, "locations": self.locations}

    def loadout(self) -> dict[str, Any]:
        """The LoadoutCreate input of the stock loadout (mount ids: its position)."""
        return {
            "id": self.loadout_id,
            "unit_id": self.id,
            "name": STOCK_LOADOUT_NAME,
            "is_stock": True,
            "imported_from": self.file,
            "mounts": [
                {
                    "mount_id": m.mount_id,
                    "equipment_id": m.equipment_id,
                    "location": m.location,
                    "rear": m.rear,
                    "quantity": m.quantity,
                    "original_id": m.original_id,
                }
                for m in self.mounts
            ],
        }


def location_codes(configuration: str | None) -> list[str]:
    return _QUAD if (configuration or "").lower() == "quad" else _BIPED


def capacity(code: str) -> int:
    return _CAPACITY.get(code, 6 if code.endswith("_LEG") else 12)


def parse_mount_location(text: str) -> tuple[str, bool, int] | None:
    """`RIGHT_TORSO,_AMMO:20` → ('RIGHT_TORSO', False, 20); None when malformed."""
    found = _MOUNT_LOCATION.match(text.strip())
    if not found:
        return None
    shots = found.group("shots")
    return found.group("code"), found.group("rear") is not None, int(shots) if shots else 1


def unit_files(root: Path, report: ImportReport) -> list[Path]:
    return files_under(root, root / "units", report)


def read_unit(
    root: Path, path: Path, resolver: Resolver, report: ImportReport
) -> UnitRecord | None:
    """One unit file as a record, or None after reporting why it was skipped."""
    shown = relative_name(root, path)
    document = read_json(root, path, report)
    if document is None:
        return None
    try:
        raw = RawUnit.model_validate(document)
    except ValidationError as error:
        for problem in error.errors():
            report.add_error(shown, field_path(problem["loc"]), f"{problem['msg']}; file skipped")
        return None
    codes = location_codes(raw.configuration)
    for code in sorted(set(raw.criticalSlots) - set(codes)):
        report.add_warning(
            shown,
            f"criticalSlots.{code}",
            f"{code} is not a location of a {raw.configuration or 'Biped'} unit; ignored",
        )
    if not raw.equipment:
        report.add_warning(
            shown, "equipment", "empty equipment list; the unit is imported with no mounts"
        )
    mounts: list[MountRecord] = []
    cleaned_slots: dict[str, list[str]] = {}
    for index, entry in enumerate(raw.equipment):
        parsed = parse_mount_location(entry.location)
        if parsed is None or parsed[0] not in codes or parsed[2] < 1:
            report.add_error(
                shown,
                f"equipment[{index}].location",
                f"unknown location {entry.location!r} for {entry.id!r}; mount skipped",
            )
            continue
        code, rear, quantity = parsed
        slot_names = cleaned_slots.get(code)
        if slot_names is None:
            slot_names = cleaned_slots[code] = [
                _SLOT_MARKERS.sub("", n) for n in raw.criticalSlots.get(code) or [] if n
            ]
        mounts.append(
            MountRecord(
                mount_id=f"{store_id(raw.id)}.{STOCK_SUFFIX}.{index}",
                original_id=entry.id,
                location=code,
                rear=rear or entry.isRearMounted,
                quantity=quantity,
                resolution=resolver.resolve_mount(entry.id, raw.techBase, slot_names),
            )
        )
    locations = _locations(raw, codes, mounts, resolver)
    props = _unit_properties(raw)
    if props["free_tonnage"] is not None and props["free_tonnage"] < 0:
        report.add_warning(
            shown,
            "free_tonnage",
            f"computed as {props['free_tonnage']:g} t: the construction outweighs the unit's "
            "tonnage by the file's own figures; stored as unknown",
        )
        props["free_tonnage"] = None
    corrections = []
    if props["gyro_type"] != raw.gyro.type:
        corrections.append(("gyro_from_layout", f"gyro {raw.gyro.type} -> {props['gyro_type']}"))
    props["imported_from"] = shown
    props["content_hash"] = content_hash(
        FORMAT_VERSION,
        document,
        [m.equipment_id for m in mounts],
        [[loc["fixed"], loc["crit_slots"]] for loc in locations],
    )
    unit_id = store_id(raw.id)
    if unit_id != raw.id:
        report.renamed[raw.id] = unit_id
    return UnitRecord(
        id=unit_id,
        source_id=raw.id,
        file=shown,
        props=props,
        locations=locations,
        mounts=mounts,
        corrections=corrections,
    )


def _gyro_from_layout(raw: RawUnit) -> str | None:
    """The gyro type the centre torso's slots show, when their count tells (TechManual: a
    standard or heavy-duty gyro takes 4 slots, an XL gyro 6, a compact one 2); else None.
    Files say STANDARD for every gyro, so the layout is the better evidence."""
    slots = raw.criticalSlots.get("CENTER_TORSO") or []
    count = sum(1 for name in slots if name and _GYRO_SLOT.search(name))
    return _GYRO_BY_SLOTS.get(count)


def _unit_properties(raw: RawUnit) -> dict[str, Any]:
    per_sink = heat_per_sink().get((raw.heatSinks.type or "").upper())
    count = raw.heatSinks.count
    props: dict[str, Any] = {
        "chassis": raw.chassis,
        "model": raw.model,
        "unit_type": raw.unitType,
        "configuration": raw.configuration,
        "tech_base": raw.techBase,
        "rules_level": raw.rulesLevel,
        "era": raw.era,
        "year": raw.year,
        "tonnage": raw.tonnage,
        "free_tonnage": None,
        "heat_dissipation": count * per_sink
        if per_sink is not None and count is not None
        else None,
        "battle_value": raw.battleValue,
        "engine_type": raw.engine.type,
        "engine_rating": raw.engine.rating,
        "walk_mp": raw.movement.walk,
        "jump_mp": raw.movement.jump,
        "heat_sink_type": raw.heatSinks.type,
        "heat_sink_count": count,
        "gyro_type": _gyro_from_layout(raw) or raw.gyro.type,
        "cockpit_type": raw.cockpit,
        "structure_type": raw.structure.type,
        "armor_type": raw.armor.type,
        "armor_points": raw.armor.points,
        "role": raw.role,
        "source": raw.source,
        "mul_id": raw.mulId,
    }
    props["free_tonnage"] = free_tonnage(Design.of(props))
    return props


def _locations(
    raw: RawUnit, codes: list[str], mounts: list[MountRecord], resolver: Resolver
) -> list[dict[str, Any]]:
    records = []
    for code in codes:
        slots = raw.criticalSlots.get(code)
        fixed: list[str] | None = None
        crit_slots = capacity(code)
        if slots is not None:
            crit_slots = len(slots)
            here = [m for m in mounts if m.location == code]
            fixed = _fixed_occupants(slots, here, resolver)
        records.append(
            {
                "code": code,
                "crit_slots": crit_slots,
                "fixed_slots": None if fixed is None else len(fixed),
                "fixed": fixed,
            }
        )
    return records


def _fixed_occupants(
    slots: list[str | None], mounts: list[MountRecord], resolver: Resolver
) -> list[str]:
    filled = [name for name in slots if name]
    slot_items = [resolver.resolve(_SLOT_MARKERS.sub("", name)).equipment_id for name in filled]
    taken = [False] * len(filled)
    unplaced: list[int] = []
    for mount in mounts:
        item_id = mount.resolution.equipment_id
        wanted = (resolver.crit_slots(item_id) or 0) if item_id is not None else 0
        for index, slot_item in enumerate(slot_items):
            if wanted and not taken[index] and slot_item == item_id:
                taken[index] = True
                wanted -= 1
        if wanted:
            unplaced.append(wanted)
    # Mounts whose slot names name another item (or none) take the first run of same-named,
    # non-construction slots no mount here claims, long enough to hold them.
    mounted = {m.resolution.equipment_id for m in mounts}
    for wanted in unplaced:
        free = [
            i
            for i, name in enumerate(filled)
            if not taken[i]
            and (slot_items[i] is None or slot_items[i] not in mounted)
            and not _CONSTRUCTION.search(name)
        ]
        by_name: dict[str, list[int]] = {}
        for i in free:
            by_name.setdefault(filled[i], []).append(i)
        run = next((group for group in by_name.values() if len(group) >= wanted), None)
        for i in (run or free)[:wanted]:
            taken[i] = True
    return [name for name, used in zip(filled, taken, strict=True) if not used]
