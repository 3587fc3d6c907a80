"""Claims: how writes that could break an invariant together are made to collide.

Both engines are MVCC. Two transactions that each check "nothing refers to X" or "the unit
has no stock loadout" and then write something else both pass their check (write skew).
So a write first *claims* every node its checks depend on: a real write to the node (the
`_lock` counter, cypher/store/fragments/claim). Two transactions that claim one node
collide: on Neo4j the second waits for the first to finish, on ArcadeDB the second fails at
commit and the driver retries it. Either way the later one checks again and sees the
earlier one's result. docs/model.md ("Concurrency") lists, per invariant, who claims what.

Claims come first, before the checks they protect and before any other write: a check read
before the claim may already be stale, and on the local engine a transaction that has
written a record keeps seeing its page as it was (graphstore.quirks). So an update that
makes a loadout stock claims the unit before it writes the loadout, a restore claims the
owner before the restored entity, and a batch claims what it refers to before its rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphstore.store.convert import plain
from graphstore.store.scope import Runner, run

_QUERIES = {
    "Unit": "store/claim/unit",
    "Equipment": "store/claim/equipment",
    "Category": "store/claim/category",
    "Loadout": "store/claim/loadout",
}

LOCK_PROPERTY = "_lock"
"""The claim counter: bookkeeping, never content (left out of audits, hashes and models)."""


def claim(tx: Runner, label: str, ids: Iterable[str | None]) -> dict[str, dict[str, Any]]:
    """Claims these entities for the rest of the transaction.

    Returns the properties of those that exist, soft-deleted ones included, by id.
    """
    wanted = sorted({entity_id for entity_id in ids if entity_id})
    if not wanted:
        return {}
    rows = run(tx, _QUERIES[label], ids=wanted)
    return {row["id"]: plain(row["props"]) for row in rows}


def live(found: dict[str, dict[str, Any]]) -> set[str]:
    """The ids among claimed entities that are not soft-deleted."""
    return {entity_id for entity_id, props in found.items() if props.get("deleted_at") is None}
