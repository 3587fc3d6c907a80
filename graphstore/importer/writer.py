"""Batched, idempotent writes of catalog and unit records (UNWIND over named queries).

Each batch is one managed transaction, so a killed import leaves whole units or none: a
unit's content_hash is written together with its locations, loadout and mounts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from neo4j import ManagedTransaction

from graphstore.graph import Graph, run_named
from graphstore.importer.catalog import Catalog, CatalogItem
from graphstore.importer.units import UnitRecord, placeholder_id

T = TypeVar("T")
STOCK_LOADOUT_NAME = "Stock"


def batched(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stored_hashes(graph: Graph, query: str) -> dict[str, str]:
    return {row["id"]: row["content_hash"] for row in graph.read(query)}


def write_categories(graph: Graph, catalog: Catalog) -> None:
    rows = [{"id": c.id, "name": c.name, "path": c.id} for c in catalog.categories.values()]
    links = [
        {"id": c.id, "parent_id": c.parent_id}
        for c in catalog.categories.values()
        if c.parent_id is not None
    ]

    def work(tx: ManagedTransaction) -> None:
        run_named(tx, "importer/category_upsert", rows=rows)
        run_named(tx, "importer/category_link", rows=links)

    graph.write_transaction(work)


def write_equipment(graph: Graph, items: Sequence[CatalogItem]) -> None:
    rows = [
        {
            "id": item.id,
            "props": {**item.props, "content_hash": item.content_hash},
            "category_id": item.category_id,
        }
        for item in items
    ]

    def work(tx: ManagedTransaction) -> None:
        run_named(tx, "importer/equipment_upsert", rows=rows)

    graph.write_transaction(work)


def _placeholders(units: Iterable[UnitRecord]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for unit in units:
        for mount in unit.mounts:
            if mount.resolution.resolved:
                continue
            found[mount.original_id] = {
                "id": placeholder_id(mount.original_id),
                "original_id": mount.original_id,
                "name": mount.original_id,
                "candidates": list(mount.resolution.candidates),
            }
    return [found[key] for key in sorted(found)]


def write_units(graph: Graph, units: Sequence[UnitRecord]) -> None:
    placeholders = _placeholders(units)
    unit_rows = [
        {
            "id": u.id,
            "props": u.props,
            "locations": [loc["props"] for loc in u.locations],
            "loadout": {
                "id": u.loadout_id,
                "name": STOCK_LOADOUT_NAME,
                "unit_id": u.id,
                "is_stock": True,
            },
        }
        for u in units
    ]
    mount_rows = [
        {
            "loadout_id": u.loadout_id,
            "equipment_id": m.equipment_id,
            "mount_id": m.mount_id,
            "location": m.location,
            "slot": None,
            "rear": m.rear,
            "quantity": m.quantity,
            "original_id": m.original_id,
        }
        for u in units
        for m in u.mounts
    ]

    def work(tx: ManagedTransaction) -> None:
        run_named(tx, "importer/placeholder_upsert", rows=placeholders)
        run_named(tx, "importer/unit_write", rows=unit_rows)
        run_named(tx, "importer/mounts_clear", loadout_ids=[u.loadout_id for u in units])
        run_named(tx, "importer/mounts_create", rows=mount_rows)

    graph.write_transaction(work)


def prune_placeholders(graph: Graph) -> None:
    graph.write("importer/placeholder_prune")
