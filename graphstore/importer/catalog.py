"""Equipment catalogs: megamek-web `{"items": [...]}` files become catalog items and categories.

Field mapping (docs/model.md): techBase → tech_base, rulesLevel → rules_level,
introductionYear → intro_year, weight → tonnage, criticalSlots → crit_slots, heat, damage,
battleValue → battle_value, costCBills (or costPerTon for one ton of ammunition) → cost,
validLocations → allowed_locations (as location codes), requiresHand → requires_hand,
requiresLowerArm → requires_lower_arm. A heat sink's `special` "Dissipates N heat" gives
heat_dissipation. is_weapon: the item comes from weapons/ or carries damage or ranges.

Categories: the file's path below equipment/ (weapons/energy.json → `weapons`, then
`weapons/energy`) and then the item's own `category` below it, unless it only repeats the
file's name (ammunition/lrm, miscellaneous/heat-sink; but weapons/energy, not
weapons/energy/energy).

Duplicate ids: the winner is the first by (weapons/ files first, ammunition.json last, then
path, then position). An id in both ammunition.json and weapons/ballistic.json is the weapon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool, StrictInt, ValidationError

from graphstore.importer.report import DuplicateItem, ImportReport
from graphstore.importer.sources import (
    content_hash,
    describe,
    field_path,
    files_under,
    read_json,
    relative_name,
)

MAPPINGS_FILE = "name-mappings.json"
_NOT_CATALOGS = {MAPPINGS_FILE, "index.json"}
_DISSIPATES = re.compile(r"dissipates\s+(\d+)\s+heat", re.IGNORECASE)
_SLUG = re.compile(r"[^a-z0-9]+")
_CODE = re.compile(r"[^A-Z0-9]+")


class RawItem(BaseModel):
    """The catalog item fields the importer reads, validated (other keys are ignored)."""

    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    techBase: str | None = None
    rulesLevel: str | None = None
    category: str | None = None
    introductionYear: StrictInt | None = None
    weight: float | None = None
    criticalSlots: StrictInt | None = None
    heat: StrictInt | None = None
    damage: StrictInt | str | None = None
    battleValue: StrictInt | None = None
    costCBills: StrictInt | None = None
    costPerTon: StrictInt | None = None
    validLocations: list[str] | None = None
    requiresHand: StrictBool | None = None
    requiresLowerArm: StrictBool | None = None
    ranges: dict[str, Any] | None = None
    special: list[str] | None = None


@dataclass(frozen=True)
class CategoryRecord:
    id: str
    name: str
    parent_id: str | None


@dataclass
class CatalogItem:
    id: str
    name: str
    tech_base: str | None
    crit_slots: int | None
    source_file: str
    category_id: str
    props: dict[str, Any]
    raw: dict[str, Any]

    @property
    def content_hash(self) -> str:
        return content_hash(self.props, self.category_id)


@dataclass
class Catalog:
    items: dict[str, CatalogItem] = field(default_factory=dict)
    categories: dict[str, CategoryRecord] = field(default_factory=dict)
    mappings: dict[str, str] = field(default_factory=dict)


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def location_code(text: str) -> str:
    """'Left Arm' → 'LEFT_ARM'."""
    return _CODE.sub("_", text.upper()).strip("_")


def _file_rank(relative: str) -> tuple[int, str]:
    if relative.startswith("weapons/"):
        return (0, relative)
    if Path(relative).stem == "ammunition":
        return (2, relative)
    return (1, relative)


def _categories_for(relative: str, category: str | None, catalog: Catalog) -> str:
    segments = list(Path(relative).with_suffix("").parts)
    named = [(segment, segment.replace("-", " ").replace("_", " ").title()) for segment in segments]
    if category and slug(category) and slug(category) != slug(segments[-1]):
        named.append((slug(category), category))
    parent: str | None = None
    path = ""
    for segment, name in named:
        path = f"{path}/{slug(segment)}" if path else slug(segment)
        catalog.categories.setdefault(path, CategoryRecord(path, name, parent))
        parent = path
    assert parent is not None
    return parent


def _properties(item: RawItem, relative: str) -> dict[str, Any]:
    dissipation = None
    for line in item.special or []:
        found = _DISSIPATES.search(line)
        if found:
            dissipation = int(found.group(1))
    is_weapon = relative.startswith("weapons/") or item.damage is not None or bool(item.ranges)
    cost = item.costCBills if item.costCBills is not None else item.costPerTon
    allowed = [location_code(v) for v in item.validLocations] if item.validLocations else None
    return {
        "id": item.id,
        "name": item.name,
        "search_name": item.name.lower(),
        "tech_base": item.techBase,
        "rules_level": item.rulesLevel,
        "intro_year": item.introductionYear,
        "tonnage": item.weight,
        "crit_slots": item.criticalSlots,
        "heat": item.heat,
        "damage": item.damage,
        "battle_value": item.battleValue,
        "cost": cost,
        "heat_dissipation": dissipation,
        "allowed_locations": allowed,
        "requires_hand": item.requiresHand,
        "requires_lower_arm": item.requiresLowerArm,
        "is_weapon": is_weapon,
        "source_file": relative,
    }


def _read_mappings(root: Path, path: Path, catalog: Catalog, report: ImportReport) -> None:
    document = read_json(root, path, report)
    if document is None:
        return
    if not isinstance(document, dict):
        report.add_error(relative_name(root, path), "", "expected an object; skipped")
        return
    # The file holds flat "name": "id" pairs and a nested "mappings" object; flat pairs win.
    nested = document.get("mappings")
    pairs = [(k, v) for k, v in document.items() if isinstance(v, str) and not k.startswith("$")]
    if isinstance(nested, dict):
        pairs += [(k, v) for k, v in nested.items() if isinstance(v, str)]
    for name, target in pairs:
        catalog.mappings.setdefault(name, target)


def read_catalog(root: Path, report: ImportReport) -> Catalog:
    """Every item of root/equipment/**.json, with categories, mappings and duplicates reported."""
    catalog = Catalog()
    equipment_dir = root / "equipment"
    if not equipment_dir.is_dir():
        return catalog
    readable = files_under(root, equipment_dir, report)
    files = sorted(
        (p for p in readable if p.name not in _NOT_CATALOGS),
        key=lambda p: _file_rank(relative_name(equipment_dir, p)),
    )
    sources: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for path in files:
        shown = relative_name(root, path)
        try:
            _read_catalog_file(root, path, catalog, sources, report)
        except Exception as error:  # one file's failure is that file's error
            report.add_error(shown, "", f"{describe(error)}; rest of the file skipped")
    for item_id, occurrences in sorted(sources.items()):
        if len(occurrences) > 1:
            report.duplicates.append(_duplicate(item_id, occurrences))
    mappings = equipment_dir / MAPPINGS_FILE
    if mappings in readable:
        try:
            _read_mappings(root, mappings, catalog, report)
        except Exception as error:  # one file's failure is that file's error
            report.add_error(relative_name(root, mappings), "", f"{describe(error)}; skipped")
    return catalog


def _read_catalog_file(
    root: Path,
    path: Path,
    catalog: Catalog,
    sources: dict[str, list[tuple[str, dict[str, Any]]]],
    report: ImportReport,
) -> None:
    relative = relative_name(root / "equipment", path)
    shown = relative_name(root, path)
    document = read_json(root, path, report)
    if document is None:
        return
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list):
        report.add_error(shown, "items", "missing or not a list of items; skipped")
        return
    for index, raw in enumerate(items):
        try:
            item = RawItem.model_validate(raw)
        except ValidationError as error:
            for problem in error.errors():
                report.add_error(
                    shown,
                    field_path(("items", index, *problem["loc"])),
                    f"{problem['msg']}; item skipped",
                )
            continue
        sources.setdefault(item.id, []).append((shown, raw))
        if item.id in catalog.items:
            continue
        category_id = _categories_for(relative, item.category, catalog)
        props = _properties(item, relative)
        catalog.items[item.id] = CatalogItem(
            id=item.id,
            name=item.name,
            tech_base=item.techBase,
            crit_slots=item.criticalSlots,
            source_file=relative,
            category_id=category_id,
            props=props,
            raw=raw,
        )


def _duplicate(item_id: str, found: list[tuple[str, dict[str, Any]]]) -> DuplicateItem:
    keys = sorted({key for _, raw in found for key in raw})
    first = found[0][1]
    differing = [k for k in keys if any(raw.get(k) != first.get(k) for _, raw in found[1:])]
    return DuplicateItem(
        id=item_id,
        winner=found[0][0],
        sources=[source for source, _ in found],
        differing_fields=differing,
    )
