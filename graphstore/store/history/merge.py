"""Three-way merge of two versions of a loadout against their common ancestor.

Plain functions over flat content (graphstore.store.history.content): a key changed on one
side only takes that side's value; a key changed on both sides to different values is a
conflict, settled by the strategy or reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graphstore.store.history.content import Flat

IDENTITY = frozenset(
    {
        "properties/name",
        "properties/unit_id",
        "properties/is_stock",
        "properties/deleted_at",
        "properties/imported_from",
    }
)
"""What makes the target itself: a merge brings changes into the target, never another
loadout's name, owner, stock role, deletion or import provenance."""

ABSENT: Any = None
"""How a key missing on one side is reported (it was removed there, or never added)."""


@dataclass(frozen=True)
class Conflict:
    key: str
    base: Any
    ours: Any
    theirs: Any


_MISSING = object()


def three_way(
    base: Flat, ours: Flat, theirs: Flat, strategy: str | None = None
) -> tuple[Flat, list[Conflict]]:
    """The merged content (the target's `ours` with the source's `theirs` changes since
    `base`) and the conflicts. Unsettled conflicts keep the target's value."""
    merged: Flat = {}
    conflicts: list[Conflict] = []
    for key in sorted(base.keys() | ours.keys() | theirs.keys()):
        b = base.get(key, _MISSING)
        o = ours.get(key, _MISSING)
        t = theirs.get(key, _MISSING)
        if key in IDENTITY or o == t or t == b:
            chosen = o
        elif o == b:
            chosen = t
        else:
            conflicts.append(Conflict(key, _shown(b), _shown(o), _shown(t)))
            chosen = t if strategy == "theirs" else o
        if chosen is not _MISSING:
            merged[key] = chosen
    return merged, conflicts


def _shown(value: Any) -> Any:
    return ABSENT if value is _MISSING else value


@dataclass(frozen=True)
class Lineage:
    """One stored version as the ancestry walk sees it."""

    key: str
    parents: tuple[str, ...]
    at: datetime
    number: int


def ancestors(head: str, graph: dict[str, Lineage]) -> set[str]:
    """`head` and every version it follows, through parents."""
    seen: set[str] = set()
    todo = [head]
    while todo:
        key = todo.pop()
        if key in seen or key not in graph:
            continue
        seen.add(key)
        todo.extend(graph[key].parents)
    return seen


def common_ancestor(ours: str, theirs: str, versions: Iterable[Lineage]) -> str | None:
    """The nearest version both heads follow: among the common ancestors, one that no
    other common ancestor follows, the newest when several qualify."""
    graph = {v.key: v for v in versions}
    common = ancestors(ours, graph) & ancestors(theirs, graph)
    if not common:
        return None
    below = {a for c in common for a in ancestors(c, graph) if a != c}
    best = [graph[c] for c in common - below] or [graph[c] for c in common]
    return max(best, key=lambda v: (v.at, v.number, v.key)).key
