"""Drift: where the read model and the graph disagree (`graphstore check` reports each).

The read model is brought up to the log, then compared row by row with a fresh copy of the
graph: every unit's columns, properties and words, every loadout's owner, liveness and
items, every item's deleted flag. A write committing while the comparison runs can make a
row differ for a moment, so what differs is compared once more after another catch-up;
what still differs is drift (a write that bypassed the log: Cypher run by hand, say).
`graphstore read-model rebuild` mends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphstore.readmodel.model import ReadModel, unit_row
from graphstore.readmodel.schema import FILTER_COLUMNS

_UNIT_COLUMNS = ("tenant", "deleted", *FILTER_COLUMNS)


@dataclass(frozen=True)
class Drift:
    label: str
    id: str
    detail: str


def _graph_rows(model: ReadModel) -> dict[str, dict[str, Any]]:
    graph = model.graph
    units = {
        row["id"]: _unit(unit_row(row["id"], row["props"]))
        for row in graph.read("readmodel/export_units")
    }
    loadouts = {
        row["id"]: {
            "unit_id": row["unit_id"],
            "live": bool(row["live"]),
            "items": set(row["items"]),
        }
        for row in graph.read("readmodel/export_loadouts")
    }
    items = {row["id"]: bool(row["deleted"]) for row in graph.read("readmodel/export_items")}
    for loadout in loadouts.values():
        owner = units.get(loadout["unit_id"])
        if owner is not None and loadout["live"]:
            owner["mounted"] |= loadout["items"]
    return {"Unit": units, "Loadout": loadouts, "Equipment": items}


def _unit(row: dict[str, Any]) -> dict[str, Any]:
    found = {column: row[column] for column in (*_UNIT_COLUMNS, "properties")}
    found["deleted"] = bool(found["deleted"])
    found["words"] = set(row["words"])
    found["mounted"] = set()
    return found


def _model_rows(model: ReadModel) -> dict[str, dict[str, Any]]:
    with model.reading() as db:
        units: dict[str, dict[str, Any]] = {}
        for row in db.execute(f"SELECT id, {', '.join(_UNIT_COLUMNS)} FROM units"):  # noqa: S608
            found = dict(zip(_UNIT_COLUMNS, row[1:], strict=True))
            found["deleted"] = bool(found["deleted"])
            found["words"] = set()
            found["mounted"] = set()
            found["properties"] = None
            units[row[0]] = found
        for unit_id, properties in db.execute("SELECT id, properties FROM unit_properties"):
            if unit_id in units:
                units[unit_id]["properties"] = properties
        for word, unit_id in db.execute("SELECT word, unit_id FROM unit_words"):
            if unit_id in units:
                units[unit_id]["words"].add(word)
        for item, unit_id in db.execute("SELECT equipment_id, unit_id FROM unit_items"):
            if unit_id in units:
                units[unit_id]["mounted"].add(item)
        loadouts = {
            loadout_id: {"unit_id": unit_id, "live": bool(live), "items": set()}
            for loadout_id, unit_id, live in db.execute("SELECT id, unit_id, live FROM loadouts")
        }
        for item, loadout_id in db.execute("SELECT equipment_id, loadout_id FROM loadout_items"):
            if loadout_id in loadouts:
                loadouts[loadout_id]["items"].add(item)
        items = {
            item: bool(deleted) for item, deleted in db.execute("SELECT id, deleted FROM items")
        }
    return {"Unit": units, "Loadout": loadouts, "Equipment": items}


def _differences(
    graph: dict[str, dict[str, Any]], model: dict[str, dict[str, Any]]
) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for label, rows in graph.items():
        copied = model[label]
        for entity_id in rows.keys() | copied.keys():
            if entity_id not in copied:
                found[(label, entity_id)] = "only in the graph, missing from the read model"
            elif entity_id not in rows:
                found[(label, entity_id)] = "only in the read model, gone from the graph"
            elif rows[entity_id] != copied[entity_id]:
                said = rows[entity_id]
                if isinstance(said, dict):
                    fields = sorted(k for k in said if said[k] != copied[entity_id].get(k))
                    found[(label, entity_id)] = f"differs in {', '.join(fields)}"
                else:
                    found[(label, entity_id)] = "differs in deleted"
    return found


def drift(model: ReadModel) -> list[Drift]:
    """Every row where the read model and the graph disagree (see the module)."""
    model.refresh()
    first = _differences(_graph_rows(model), _model_rows(model))
    if not first:
        return []
    model.refresh()
    again = _differences(_graph_rows(model), _model_rows(model))
    lasting = {key: detail for key, detail in again.items() if key in first}
    return [
        Drift(label, entity_id, detail) for (label, entity_id), detail in sorted(lasting.items())
    ]
