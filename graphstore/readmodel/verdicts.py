"""Stored validation verdicts: a batch validation keeps each loadout's result in the read
model, and the next one reuses it until a write marks it stale (docs/read-model.md).

A verdict is the rules engine's answer for one loadout under one version of the rules (the
rules' key: their combined query and constants). The read model's catch-up marks verdicts
stale from the write log: a change to the loadout; to its unit; to an item it mounts (its
tonnage, its rules, its categories); an accepted violation on it or its unit. A change to
any category drops every verdict (a category's conflicts reach every item in it).

A verdict is computed from a read of the graph, and stored after: a write that committed in
between would be lost if the verdict were stored blindly. So storing reads the write log
applied since the validation began (less the overlap), and leaves out every loadout that
log touched; the next run validates those again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

_LOADOUTS_OF_UNITS = "SELECT id FROM loadouts WHERE unit_id = ?"
_LOADOUTS_MOUNTING = "SELECT loadout_id FROM loadout_items WHERE equipment_id = ?"


def _touched(
    db: sqlite3.Connection, named: dict[str, set[str]], categories: bool
) -> set[str] | None:
    """The loadouts whose verdicts these changes make stale; None: every one."""
    if categories:
        return None
    touched = set(named.get("Loadout", set()))
    for unit_id in named.get("Unit", set()):
        touched.update(row[0] for row in db.execute(_LOADOUTS_OF_UNITS, (unit_id,)))
    for item in named.get("Equipment", set()):
        touched.update(row[0] for row in db.execute(_LOADOUTS_MOUNTING, (item,)))
    return touched


def stale_verdicts(db: sqlite3.Connection, named: dict[str, set[str]], *, categories: bool) -> None:
    """Drops the verdicts these changes make stale (inside the catch-up's transaction, before
    it copies the changed rows: a unit's loadouts are found as they were)."""
    touched = _touched(db, named, categories)
    if touched is None:
        db.execute("DELETE FROM verdicts")
        return
    db.executemany("DELETE FROM verdicts WHERE loadout_id = ?", [(i,) for i in touched])


def stored(
    db: sqlite3.Connection, loadout_ids: Sequence[str], rules: str
) -> dict[str, tuple[str, str]]:
    """The stored verdicts (result JSON, tally JSON) of these loadouts under these rules."""
    found: dict[str, tuple[str, str]] = {}
    for start in range(0, len(loadout_ids), 500):
        chunk = list(loadout_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        query = (
            "SELECT loadout_id, result, tally FROM verdicts "  # noqa: S608 (placeholders only)
            f"WHERE rules = ? AND loadout_id IN ({marks})"
        )
        found.update((row[0], (row[1], row[2])) for row in db.execute(query, [rules, *chunk]))
    return found


def store(
    db: sqlite3.Connection, results: Iterable[tuple[str, str, str]], rules: str, since: str
) -> int:
    """Keeps these (loadout id, result JSON, tally JSON) verdicts, less those the log applied since
    `since` touched (see the module); returns how many it kept."""
    named: dict[str, set[str]] = {"Loadout": set(), "Unit": set(), "Equipment": set()}
    categories = False
    for label, entity_id in db.execute(
        "SELECT label, entity_id FROM applied WHERE log_key > ?", (since,)
    ):
        if label == "Category":
            categories = True
        elif label in named:
            named[label].add(entity_id)
    touched = _touched(db, named, categories)
    if touched is None:
        return 0
    kept = [
        (loadout_id, rules, result, tally)
        for loadout_id, result, tally in results
        if loadout_id not in touched
    ]
    db.executemany(
        "INSERT OR REPLACE INTO verdicts (loadout_id, rules, result, tally) VALUES (?, ?, ?, ?)",
        kept,
    )
    return len(kept)


def stored_if_live(
    db: sqlite3.Connection, loadout_id: str, tenant: str | None, rules: str
) -> str | None:
    """The stored verdict (result JSON) of one live loadout of a live unit the scope sees;
    None when there is none, or the loadout is gone, deleted or another scope's."""
    row = db.execute(
        "SELECT v.result FROM loadouts l JOIN units u ON u.id = l.unit_id "
        "JOIN verdicts v ON v.loadout_id = l.id "
        "WHERE l.id = :id AND l.live = 1 AND u.deleted = 0 "
        "AND (l.tenant IS NULL OR l.tenant = :tenant) AND v.rules = :rules",
        {"id": loadout_id, "tenant": tenant, "rules": rules},
    ).fetchone()
    return None if row is None else str(row[0])


def live_loadouts(db: sqlite3.Connection, tenant: str | None, filters: dict[str, Any]) -> list[str]:
    """The live loadouts of live units the scope sees that match a validation filter (unit
    ids, tech base, unit type, stock or not), in id order, from the read model (what a scan of
    every loadout answered before)."""
    clauses = [
        "l.live = 1",
        "u.deleted = 0",
        "(l.tenant IS NULL OR l.tenant = :tenant)",
    ]
    parameters: dict[str, Any] = {"tenant": tenant}
    if filters.get("tech_base") is not None:
        clauses.append("u.tech_base = :tech_base")
        parameters["tech_base"] = filters["tech_base"]
    if filters.get("unit_type") is not None:
        clauses.append("u.unit_type = :unit_type")
        parameters["unit_type"] = filters["unit_type"]
    if filters.get("is_stock") is not None:
        clauses.append("l.is_stock = :is_stock")
        parameters["is_stock"] = bool(filters["is_stock"])
    ids = filters.get("unit_ids")
    rows = db.execute(
        f"SELECT l.id, l.unit_id FROM loadouts l JOIN units u ON u.id = l.unit_id "  # noqa: S608
        f"WHERE {' AND '.join(clauses)} ORDER BY l.id",
        parameters,
    ).fetchall()
    return [loadout_id for loadout_id, unit_id in rows if ids is None or unit_id in set(ids)]
