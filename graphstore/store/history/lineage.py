"""The ancestry a merge walks: stored versions with their parents, across loadouts."""

from __future__ import annotations

from collections.abc import Iterable

from graphstore.store.convert import plain
from graphstore.store.history.chain import parse_key
from graphstore.store.history.merge import Lineage
from graphstore.store.scope import Runner, run

MAX_ENTITIES = 1_000
"""How many loadouts one ancestry walk reads at most (a guard against runaway lineages)."""


def lineage(tx: Runner, label: str, entity_ids: Iterable[str]) -> list[Lineage]:
    """Every version of these entities and of every entity their parents lead to."""
    found: dict[str, Lineage] = {}
    read: set[str] = set()
    todo = set(entity_ids)
    while todo and len(read) < MAX_ENTITIES:
        batch = sorted(todo)
        read.update(batch)
        for row in run(tx, "history/lineage", label=label, ids=batch):
            row = plain(row)
            found[row["key"]] = Lineage(
                key=row["key"],
                parents=tuple(row["parents"] or ()),
                at=row["at"],
                number=row["number"],
            )
        todo = {
            parse_key(parent)[1]
            for version in found.values()
            for parent in version.parents
            if parse_key(parent)[0] == label
        } - read
    return list(found.values())
