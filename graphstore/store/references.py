"""Referential integrity, declared once.

REFERENCES is the single statement of what happens to each relationship when either end is
deleted. docs/model.md renders it (tests/store/test_references.py checks the two agree), the
delete path asks it for blockers, and the tests derive their cascade/restrict cases from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graphstore.store.scope import Runner, run


class OnDelete(StrEnum):
    CASCADE = "cascade"  # the other end is deleted too
    RESTRICT = "restrict"  # the delete is refused; force=True detaches and reports
    DETACH = "detach"  # the relationship goes, the other end stays


@dataclass(frozen=True)
class Reference:
    relationship: str
    source: str
    target: str
    on_source_delete: OnDelete
    on_target_delete: OnDelete
    # For RESTRICT ends: the named query listing the blockers of a target id.
    blockers_query: str | None = None


REFERENCES: tuple[Reference, ...] = (
    Reference("HAS_LOCATION", "Unit", "Location", OnDelete.CASCADE, OnDelete.DETACH),
    Reference("HAS_LOADOUT", "Unit", "Loadout", OnDelete.CASCADE, OnDelete.DETACH),
    Reference(
        "MOUNTS",
        "Loadout",
        "Equipment",
        OnDelete.DETACH,
        OnDelete.RESTRICT,
        "store/blockers_mounts",
    ),
    Reference("DERIVED_FROM", "Loadout", "Loadout", OnDelete.DETACH, OnDelete.DETACH),
    Reference(
        "IN_CATEGORY",
        "Equipment",
        "Category",
        OnDelete.DETACH,
        OnDelete.RESTRICT,
        "store/blockers_members",
    ),
    Reference(
        "SUBCATEGORY_OF",
        "Category",
        "Category",
        OnDelete.DETACH,
        OnDelete.RESTRICT,
        "store/blockers_subcategories",
    ),
    Reference(
        "CONFLICTS_WITH", "Equipment", "Equipment|Category", OnDelete.DETACH, OnDelete.DETACH
    ),
    Reference("REQUIRES", "Equipment", "Equipment|Category", OnDelete.DETACH, OnDelete.DETACH),
    Reference(
        "HAS_OVERRIDE", "Unit|Loadout", "AcceptedViolation", OnDelete.CASCADE, OnDelete.DETACH
    ),
    Reference("HAS_CALCULATION", "Unit|Loadout", "Calculation", OnDelete.CASCADE, OnDelete.DETACH),
    Reference(
        "CHANGED", "Change", "Unit|Equipment|Category|Loadout", OnDelete.DETACH, OnDelete.DETACH
    ),
)

# Nodes that may not exist without an owner: the integrity check reports them as orphans.
OWNED: dict[str, str] = {
    ref.target: ref.relationship for ref in REFERENCES if ref.on_source_delete is OnDelete.CASCADE
}


def restricting(label: str) -> list[Reference]:
    return [
        ref
        for ref in REFERENCES
        if label in ref.target.split("|") and ref.on_target_delete is OnDelete.RESTRICT
    ]


def cascading(label: str) -> list[Reference]:
    return [
        ref
        for ref in REFERENCES
        if label in ref.source.split("|") and ref.on_source_delete is OnDelete.CASCADE
    ]


def blockers_of(
    tx: Runner, label: str, entity_id: str, *, live_only: bool = False
) -> list[dict[str, Any]]:
    """Every relationship that forbids deleting this entity without force (for a soft
    delete, `live_only`: those from live entities)."""
    blockers: list[dict[str, Any]] = []
    for ref in restricting(label):
        assert ref.blockers_query is not None
        for row in run(tx, ref.blockers_query, id=entity_id, live_only=live_only):
            blockers.append({"relationship": ref.relationship, **row})
    return blockers


def _either(labels: str) -> str:
    return " or ".join(labels.split("|"))


def markdown_table() -> str:
    """The table as it appears in docs/model.md."""
    lines = [
        "| relationship | from → to | deleting the source | deleting the target |",
        "| --- | --- | --- | --- |",
    ]
    for ref in REFERENCES:
        lines.append(
            f"| `{ref.relationship}` | {_either(ref.source)} → {_either(ref.target)} | "
            f"{ref.on_source_delete.value} | {ref.on_target_delete.value} |"
        )
    return "\n".join(lines)
