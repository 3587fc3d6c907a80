"""Versions for what changed outside the store: after migrations.

A migration's data step is Cypher, and Cypher alone cannot serialise a version's content;
and a graph that predates version history has entities with no version at all. So after
`graphstore migrate` applies anything, this walks every unit and loadout and records a
version (source "migration") for each one whose content is not what its newest version
holds, giving it the next number first when the data step did not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial
from typing import Any

from graphstore.store.audit import ChangeLog
from graphstore.store.convert import plain
from graphstore.store.history.chain import rebuild
from graphstore.store.history.content import content_of
from graphstore.store.history.record import VERSIONED, head_of
from graphstore.store.scope import Runner, Scope, run

BATCH = 500

SINCE_SCHEMA = 5
"""The schema version that brought version history (V005)."""


def record_untracked(
    scope: Scope,
    actor: str,
    *,
    source: str = "migration",
    progress: Callable[[str], None] | None = None,
) -> list[tuple[str, str]]:
    """Records a version of every unit and loadout whose content its newest version does not
    hold (or that has none); returns (label, id) of each it recorded."""
    recorded: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for label, ids in entity_pages(scope):

        def work(tx: Runner, label: str = label, ids: list[str] = ids) -> list[str]:
            return _record(tx, label, ids, actor, source)

        recorded += [(label, entity_id) for entity_id in scope.write(work)]
        seen[label] = seen.get(label, 0) + len(ids)
        if progress:
            progress(
                f"history: {label.lower()}s checked {seen[label]}, "
                f"versions recorded {len(recorded)}"
            )
    return recorded


def entity_pages(scope: Scope) -> Iterator[tuple[str, list[str]]]:
    """Every unit id, then every loadout id, a page (BATCH) at a time, each page read in
    its own transaction: how maintenance walks every versioned entity."""
    for label in VERSIONED:
        after = ""
        while ids := scope.read(partial(page_of_ids, label=label, after=after)):
            yield label, ids
            after = ids[-1]


def page_of_ids(tx: Runner, *, label: str, after: str) -> list[str]:
    """The next BATCH ids of `label` after `after`, in id order."""
    rows = run(tx, f"history/maintenance/{label.lower()}_ids_after", after=after, limit=BATCH)
    return [row["id"] for row in rows]


def _record(tx: Runner, label: str, ids: list[str], actor: str, source: str) -> list[str]:
    untracked: list[str] = []
    renumber: list[str] = []
    for row in run(tx, f"history/{label.lower()}_heads_scan", ids=ids, label=label):
        props: dict[str, Any] = plain(row["props"])
        head = head_of(props)
        scanned = row["head"]
        if head is None and scanned is None:
            untracked.append(row["id"])  # no history yet: its first version
            continue
        previous = head.content if head else rebuild(label, row["chain"])
        if content_of(label, props, plain(row["parts"])) != previous:
            untracked.append(row["id"])
            if (head.number if head else scanned["number"]) >= (props.get("version") or 0):
                renumber.append(row["id"])
    if not untracked:
        return []
    log = ChangeLog(actor=actor, at=datetime.now(UTC), source=source)
    if renumber:
        run(tx, f"history/maintenance/{label.lower()}_bump", ids=renumber, now=log.at)
    for entity_id in untracked:
        log.wrote(label, entity_id)
        if entity_id in renumber:
            # Its version number moved: in the write log, as every write is (read models
            # follow it, graphstore.readmodel).
            log.add("record_version", label, entity_id)
    log.write(tx)
    return untracked
