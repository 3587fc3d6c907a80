"""Unit lists and statistics from the read model, with the graph's own semantics (the
Cypher they replace is cypher/reference/unit_list and cypher/reference/unit_stats, which stay as
the reference a test compares these with).

The SQL is assembled from constant pieces, one per filter given (so SQLite plans each
request on the indexes it can use); every value travels as a parameter, and the sort column
is one of a fixed set.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from graphstore.graph import Tenancy
from graphstore.readmodel.model import ReadModel
from graphstore.readmodel.schema import FILTER_COLUMNS
from graphstore.readmodel.words import words

_EQUAL = ("tech_base", "era", "rules_level", "unit_type")
_RANGES = {
    "tonnage_min": ("tonnage", ">="),
    "tonnage_max": ("tonnage", "<="),
    "bv_min": ("battle_value", ">="),
    "bv_max": ("battle_value", "<="),
    "year_min": ("year", ">="),
    "year_max": ("year", "<="),
}
GROUPS = frozenset({"era", "tech_base", "rules_level"})
# The last character a word can start with: a prefix's range ends below prefix + this.
_PAST_PREFIX = "\U0010ffff"
_WORD = "u.id IN (SELECT unit_id FROM unit_words WHERE word >= :w{0} AND word < :e{0})"
_MOUNTING_FEW = "u.id IN (SELECT unit_id FROM unit_items WHERE equipment_id = :item)"
_MOUNTING_MANY = (
    "EXISTS (SELECT 1 FROM unit_items m WHERE m.equipment_id = :item AND m.unit_id = u.id)"
)
FREQUENT_SHARE = 0.02
"""An item mounted by more than this share of the units is `frequent` (see where())."""


@dataclass(frozen=True)
class Where:
    sql: str
    parameters: dict[str, Any]


def where(filters: dict[str, Any], tenancy: Tenancy, *, frequent: bool = False) -> Where:
    """The WHERE clause of the unit filters (graphstore.store.listing.UnitFilter's values),
    as store/fragments/unit_filter states them, for the rows `tenancy` sees. `frequent`: the
    `has_equipment` item is mounted by many units (see mounting_share)."""
    clauses = ["(u.tenant IS NULL OR u.tenant = :tenant)"]
    parameters: dict[str, Any] = {"tenant": tenancy.tenant}
    include_deleted = bool(filters.get("include_deleted"))
    if not include_deleted:
        clauses.append("u.deleted = 0")
    for name in _EQUAL:
        if filters.get(name) is not None:
            clauses.append(f"u.{name} = :{name}")
            parameters[name] = filters[name]
    for name, (column, operator) in _RANGES.items():
        if filters.get(name) is not None:
            clauses.append(f"u.{column} {operator} :{name}")
            parameters[name] = filters[name]
    for index, word in enumerate(words(filters.get("q"))):
        # Numbered parameters: the text holds the word's position, never the word.
        clauses.append(_WORD.format(index))
        parameters[f"w{index}"] = word
        parameters[f"e{index}"] = word + _PAST_PREFIX
    if filters.get("has_equipment") is not None:
        # Two forms of one condition: SQLite plans the first from the item's units (few of
        # them: read and sort those), the second from the sort's index, checking each unit
        # (many of them: the page is among the first rows it reads). Measured at 100k units,
        # the most mounted item (25,000 units): 27 ms the first way, 0.2 ms the second.
        clauses.append(_MOUNTING_MANY if frequent else _MOUNTING_FEW)
        clauses.append(
            "EXISTS (SELECT 1 FROM items WHERE id = :item AND (:deleted OR deleted = 0))"
        )
        parameters["item"] = filters["has_equipment"]
        parameters["deleted"] = include_deleted
    return Where(" AND ".join(clauses), parameters)


def _order(column: str, descending: bool) -> str:
    # The graph's order: nulls last ascending, first descending; ties by id, ascending. Each
    # is the order of one of the schema's indexes, so a page is read in order, not sorted.
    if column == "id":
        return "u.id DESC" if descending else "u.id ASC"
    if descending:
        return f"(u.{column} IS NULL) DESC, u.{column} DESC, u.id ASC"
    return f"(u.{column} IS NULL) ASC, u.{column} ASC, u.id ASC"


def _after(column: str, descending: bool, key: Any) -> str:
    """store/fragments/page_after: the rows after the cursor's row in that order."""
    if key is None:
        return (
            f"(u.{column} IS NOT NULL OR u.id > :after_id)"
            if descending
            else f"(u.{column} IS NULL AND u.id > :after_id)"
        )
    before = "<" if descending else ">"
    nulls = "0" if descending else "1"
    return (
        f"(CASE WHEN u.{column} IS NULL THEN {nulls} "
        f"WHEN u.{column} = :after_key THEN u.id > :after_id "
        f"ELSE u.{column} {before} :after_key END)"
    )


@dataclass(frozen=True)
class UnitPage:
    rows: list[dict[str, Any]]
    total: int | None
    """None when not counted (a cursor's page reuses its list's first count)."""


def unit_page(
    model: ReadModel,
    tenancy: Tenancy,
    filters: dict[str, Any],
    *,
    sort: str,
    descending: bool,
    skip: int,
    limit: int,
    after: tuple[Any, str] | None,
    count: bool,
) -> UnitPage:
    """One page of the units the filters match, in the graph's order, and their count."""
    if sort not in FILTER_COLUMNS and sort != "id":
        raise ValueError(f"cannot sort units on {sort!r}")
    model.refresh()
    with model.reading() as db:
        frequent = mounting_share(db, filters.get("has_equipment")) > FREQUENT_SHARE
        found = where(filters, tenancy, frequent=frequent)
        parameters = dict(found.parameters)
        page_where = found.sql
        if after is not None:
            page_where += " AND " + _after(sort, descending, after[0])
            parameters["after_key"], parameters["after_id"] = after
        ids = [
            row[0]
            for row in db.execute(
                f"SELECT u.id FROM units u WHERE {page_where} "  # noqa: S608 (constant pieces)
                f"ORDER BY {_order(sort, descending)} LIMIT :limit OFFSET :skip",
                {**parameters, "limit": limit, "skip": skip},
            )
        ]
        marks = ", ".join("?" for _ in ids)
        properties = dict(
            db.execute(
                f"SELECT id, properties FROM unit_properties WHERE id IN ({marks})",  # noqa: S608
                ids,
            ).fetchall()
        )
        total = None
        if count:
            # Counted from the item's units, whichever way the page was read: every match
            # is visited either way, and that way visits no other unit.
            counted = where(filters, tenancy) if frequent else found
            total = db.execute(
                f"SELECT count(*) FROM units u WHERE {counted.sql}",  # noqa: S608
                counted.parameters,
            ).fetchone()[0]
    return UnitPage(rows=[json.loads(properties[i]) for i in ids], total=total)


def mounting_share(db: sqlite3.Connection, item: str | None) -> float:
    """The share of all units that mount `item` (0 for none)."""
    if item is None:
        return 0.0
    mounting = db.execute("SELECT count(*) FROM unit_items WHERE equipment_id = ?", (item,))
    units = db.execute("SELECT max(rowid) FROM units").fetchone()[0] or 1
    return float(mounting.fetchone()[0]) / units


def unit_groups(
    model: ReadModel, tenancy: Tenancy, group_by: str, filters: dict[str, Any]
) -> list[dict[str, Any]]:
    """cypher/reference/unit_stats: count and min/avg/max of tonnage and battle value per value
    of `group_by`, largest groups first."""
    if group_by not in GROUPS:
        raise ValueError(f"cannot group units by {group_by!r}")
    found = where(filters, tenancy)
    model.refresh()
    with model.reading() as db:
        rows = db.execute(
            f"SELECT u.{group_by} AS value, count(*) AS count, "  # noqa: S608
            "min(u.tonnage), avg(u.tonnage), max(u.tonnage), "
            "min(u.battle_value), avg(u.battle_value), max(u.battle_value) "
            f"FROM units u WHERE {found.sql} GROUP BY u.{group_by} "
            f"ORDER BY count DESC, (u.{group_by} IS NULL), u.{group_by}",
            found.parameters,
        ).fetchall()
    names = (
        "value",
        "count",
        "tonnage_min",
        "tonnage_avg",
        "tonnage_max",
        "bv_min",
        "bv_avg",
        "bv_max",
    )
    return [dict(zip(names, row, strict=True)) for row in rows]
