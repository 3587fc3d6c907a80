"""Writes what an import read through the store: its models, validation, claims and audit.

Every entity is written with the store's batched upserts, so an import validates like the
API, takes the same ids, stamps the store's clock and leaves a Change per entity with the
`importer` source and the file it came from. Entities are rewritten only when their source
changed (content hashes) and only if an import created them (`imported_from`): an entity
someone else made under the same id is left as it is and reported.

A batch of units is one transaction (the unit, its locations, its stock loadout and the
placeholders its mounts need), so a killed import leaves whole units or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from graphstore.errors import QueryError, ValidationError
from graphstore.graph import Graph
from graphstore.importer.catalog import Catalog, CatalogItem
from graphstore.importer.ids import category_id, placeholder_id
from graphstore.importer.report import Collision, ImportReport
from graphstore.importer.units import UnitRecord
from graphstore.store import (
    EquipmentCreate,
    GraphStore,
    LoadoutCreate,
    UnitCreate,
)
from graphstore.store.validation import validate

T = TypeVar("T")
CATALOG_SOURCE = "equipment"


def batched(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class Stored:
    """What the graph holds of one entity an import may write."""

    content_hash: str | None
    imported_from: str | None

    @property
    def imported(self) -> bool:
        return self.imported_from is not None


def stored(graph: Graph, label: str) -> dict[str, Stored]:
    """Every stored entity of the label, with its fingerprint and provenance."""
    query = {"Unit": "importer/stored_units", "Equipment": "importer/stored_equipment"}[label]
    return {
        row["id"]: Stored(row["content_hash"], row["imported_from"]) for row in graph.read(query)
    }


M = TypeVar("M", bound=BaseModel)


def _valid(
    model: type[M], data: dict[str, Any], file: str, where: str, report: ImportReport
) -> M | None:
    """`data` as a `model` (validated once, here), or None after reporting each problem
    against the file."""
    try:
        return validate(model, data)
    except ValidationError as invalid:
        for problem in invalid.errors:
            report.add_error(file, f"{where}{problem['path']}", f"{problem['message']}; skipped")
        return None


# ---- catalog ---------------------------------------------------------------------------


def write_categories(store: GraphStore, catalog: Catalog, report: ImportReport) -> None:
    """The catalog's categories under slug ids (the path kept as `path`); unchanged ones are
    not written."""
    wanted = [
        {
            "id": category_id(record.id),
            "name": record.name,
            "path": record.id,
            "parent_id": None if record.parent_id is None else category_id(record.parent_id),
            "imported_from": CATALOG_SOURCE,
        }
        for record in catalog.categories.values()
    ]
    current = {c.id: c for c in store.categories.list(include_deleted=True)}
    changed = []
    for row in wanted:
        found = current.get(str(row["id"]))
        if found is not None and found.imported_from is None:
            report.left_alone.append(Collision(label="Category", id=row["id"], file=CATALOG_SOURCE))
            continue
        same = found is not None and (found.name, found.path, found.parent_id) == (
            row["name"],
            row["path"],
            row["parent_id"],
        )
        if not same:
            changed.append(row)
    if changed:
        store.categories.upsert_many(changed)


def equipment_input(item: CatalogItem) -> dict[str, Any]:
    """The EquipmentCreate input of a catalog item."""
    props = {k: v for k, v in item.props.items() if k not in ("search_name",)}
    return {
        **props,
        "category_ids": [category_id(item.category_id)],
        "content_hash": item.content_hash,
        "imported_from": f"{CATALOG_SOURCE}/{item.source_file}",
    }


def check_equipment(items: Iterable[CatalogItem], report: ImportReport) -> None:
    """What write_equipment would refuse, reported without writing (a dry run)."""
    for item in items:
        data = equipment_input(item)
        _valid(EquipmentCreate, data, data["imported_from"], f"items[{item.id}].", report)


def write_equipment(
    store: GraphStore,
    items: Iterable[CatalogItem],
    current: dict[str, Stored],
    report: ImportReport,
) -> int:
    """Items whose source changed, validated one by one; returns how many were written."""
    rows = []
    for item in items:
        known = current.get(item.id)
        if known is not None and known.content_hash == item.content_hash:
            continue
        data = equipment_input(item)
        if known is not None and not known.imported:
            report.left_alone.append(
                Collision(label="Equipment", id=item.id, file=data["imported_from"])
            )
            continue
        valid = _valid(EquipmentCreate, data, data["imported_from"], f"items[{item.id}].", report)
        if valid is not None:
            rows.append(valid)
    if rows:
        store.equipment.upsert_many(rows)
    return len(rows)


# ---- units -----------------------------------------------------------------------------


UnitInputs = tuple[UnitCreate, LoadoutCreate]


def unit_inputs(record: UnitRecord, report: ImportReport) -> UnitInputs | None:
    """The unit's UnitCreate and stock LoadoutCreate, or None after reporting why they are
    not valid."""
    unit = _valid(UnitCreate, record.unit(), record.file, "", report)
    loadout = _valid(LoadoutCreate, record.loadout(), record.file, "stock loadout.", report)
    return None if unit is None or loadout is None else (unit, loadout)


def _placeholders(records: Iterable[UnitRecord]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for record in records:
        for mount in record.mounts:
            if mount.resolution.resolved:
                continue
            found.setdefault(
                mount.original_id,
                {
                    "id": placeholder_id(mount.original_id),
                    "original_id": mount.original_id,
                    "name": mount.original_id[:200],
                    "candidates": list(mount.resolution.candidates),
                    "imported_from": record.file,
                },
            )
    return [found[key] for key in sorted(found)]


def write_units(store: GraphStore, records: Sequence[UnitRecord], report: ImportReport) -> None:
    """One batch of units, their locations, stock loadouts and placeholders, in one
    transaction. Ids someone else's entity holds are left alone and reported."""
    checked = {record.id: unit_inputs(record, report) for record in records}
    inputs: dict[str, UnitInputs] = {k: v for k, v in checked.items() if v is not None}
    valid = [record for record in records if record.id in inputs]
    if not valid:
        return
    placeholders = _placeholders(valid)

    def work(tx: GraphStore) -> list[Collision]:
        # Placeholder ids someone else's item holds: claimed, so the answer holds until commit.
        items = tx.equipment.existing(p["id"] for p in placeholders)
        taken = {i for i, props in items.items() if props.get("imported_from") is None}
        left = [Collision(label="Equipment", id=i, file="(placeholder)") for i in sorted(taken)]
        tx.equipment.upsert_unresolved([p for p in placeholders if p["id"] not in taken])
        # Units and loadouts an import did not create are never replaced (the store decides
        # under its claim, in the same transaction as the write).
        units = tx.units.upsert_many([inputs[r.id][0] for r in valid], replace_only=imported)
        left += [Collision(label="Unit", id=r.id, file=r.file) for r in valid if r.id not in units]
        wanted = [r for r in valid if r.id in units and not _mounts_any(inputs[r.id][1], taken)]
        loadouts = tx.loadouts.upsert_many([inputs[r.id][1] for r in wanted], replace_only=imported)
        left += [
            Collision(label="Loadout", id=r.loadout_id, file=r.file)
            for r in wanted
            if r.loadout_id not in loadouts
        ]
        return left

    try:
        report.left_alone += store.atomic(work)
    except (ValidationError, QueryError):
        if len(valid) == 1:
            raise
        # One unit's data is refused (a second stock loadout someone made, say, or a value
        # the engine cannot store): write them one at a time, so only that unit is skipped,
        # with its reason.
        for record in valid:
            try:
                write_units(store, [record], report)
            except ValidationError as refused:
                for problem in refused.errors:
                    report.add_error(
                        record.file, str(problem["path"]), f"{problem['message']}; unit skipped"
                    )
            except QueryError as failed:
                report.add_error(record.file, "", f"the engine refused it ({failed}); unit skipped")


def imported(props: dict[str, Any]) -> bool:
    """Whether an import created this stored entity (so an import may replace it)."""
    return props.get("imported_from") is not None


def _mounts_any(loadout: LoadoutCreate, ids: set[str]) -> bool:
    return any(mount.equipment_id in ids for mount in loadout.mounts)


def prune_placeholders(store: GraphStore) -> None:
    store.equipment.prune_unresolved()
