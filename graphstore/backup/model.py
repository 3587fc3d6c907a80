"""What a backup knows how to restore: each node label with the property that identifies it,
and each relationship by its type and the labels at its ends.

A restore writes with named queries (cypher/backup/), never with Cypher built from a
file's contents, so it can only write what is listed here; anything else in a backup is
refused before the first write. tests/backup/test_round_trip.py checks that every label
and relationship a real graph holds is listed, and that the queries handle each.
"""

from __future__ import annotations

from collections.abc import Sequence

KEYS: dict[str, str] = {
    "Unit": "id",
    "Location": "id",
    "Loadout": "id",
    "Equipment": "id",
    "Category": "id",
    "Change": "id",
    "Calculation": "id",
    "AcceptedViolation": "id",
    "Version": "key",
    "HistoryArchive": "key",
    "Tenant": "id",
    "ApiKey": "id",
    "__CatalogGeneration": "id",
    "__Migration": "seq",
}
"""Each label a backup restores, with its identifying property (what relationships find
their ends by; unique per label)."""

LABEL_SETS: dict[str, tuple[str, ...]] = {
    **{label: (label,) for label in KEYS},
    "Equipment:Unresolved": ("Equipment", "Unresolved"),
}
"""Every set of labels a node may carry, by the name create_nodes knows it under."""

SKIPPED = frozenset({"__MigrationLock", "__Restore", "__ReadModelEpoch", "__IdempotentRequest"})
"""Labels a backup leaves out: a lock held while it ran, a restore's own marker, the name read
models know the graph by (a restored graph is another graph to them: they rebuild), and the
answers kept for retried requests (a day's worth, for the clients of the graph as it was)."""

SHAPES: frozenset[tuple[str, str, str]] = frozenset(
    {
        ("HAS_LOCATION", "Unit", "Location"),
        ("HAS_LOADOUT", "Unit", "Loadout"),
        ("MOUNTS", "Loadout", "Equipment"),
        ("DERIVED_FROM", "Loadout", "Loadout"),
        ("IN_CATEGORY", "Equipment", "Category"),
        ("SUBCATEGORY_OF", "Category", "Category"),
        ("CONFLICTS_WITH", "Equipment", "Equipment"),
        ("CONFLICTS_WITH", "Equipment", "Category"),
        ("REQUIRES", "Equipment", "Equipment"),
        ("REQUIRES", "Equipment", "Category"),
        ("HAS_OVERRIDE", "Loadout", "AcceptedViolation"),
        ("HAS_OVERRIDE", "Unit", "AcceptedViolation"),
        ("HAS_CALCULATION", "Unit", "Calculation"),
        ("HAS_CALCULATION", "Loadout", "Calculation"),
        ("CHANGED", "Change", "Unit"),
        ("CHANGED", "Change", "Equipment"),
        ("CHANGED", "Change", "Category"),
        ("CHANGED", "Change", "Loadout"),
        ("NEXT", "__Migration", "__Migration"),
        ("KEY_OF", "ApiKey", "Tenant"),
    }
)
"""Every relationship a backup restores: (type, label at its start, label at its end)."""


def label_set(labels: Sequence[str]) -> str | None:
    """The name of a node's set of labels, or None when a restore could not write it."""
    name = ":".join(sorted(labels, key=lambda label: (label not in KEYS, label)))
    return name if name in LABEL_SETS else None


def primary(labels: Sequence[str]) -> str | None:
    """The label a node is found by: the first of its labels with a key."""
    return next((label for label in labels if label in KEYS), None)


def shape_name(shape: tuple[str, str, str]) -> str:
    return " ".join(shape)
