"""Rebuilding a version from its stored chain, and the hash that makes the chain tamper-evident.

A version is stored either as a snapshot (its whole content) or as a delta from the
version before it. Every version names the snapshot it builds on (`base`), so reading one
reads at most SNAPSHOT_EVERY stored versions.

Each version's hash covers its content, its parents and its predecessor's hash: editing,
removing or reordering a stored version breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from graphstore.store.history.content import Content, apply, canonical

SNAPSHOT_EVERY = 16
"""A version is stored whole when its base snapshot is this many versions back."""


def version_key(label: str, entity_id: str, number: int) -> str:
    """The unique key of one version: what a parent reference names."""
    return f"{label}:{entity_id}#{number}"


def parse_key(key: str) -> tuple[str, str, int]:
    label, rest = key.split(":", 1)
    entity_id, number = rest.rsplit("#", 1)
    return label, entity_id, int(number)


def version_hash(previous_hash: str | None, parents: list[str], content: Content) -> str:
    text = canonical({"content": content, "parents": parents, "previous": previous_hash})
    return hashlib.sha256(text.encode()).hexdigest()


def rebuild(label: str, chain: Iterable[dict[str, Any]], number: int | None = None) -> Content:
    """The content of version `number` (the last of the chain when None) from stored rows
    {number, snapshot, body}: the nearest snapshot at or below it, then each delta."""
    rows = sorted(chain, key=lambda row: row["number"])
    if number is not None:
        rows = [row for row in rows if row["number"] <= number]
    start = max((i for i, row in enumerate(rows) if row["snapshot"]), default=None)
    if start is None:
        raise ValueError(f"no snapshot under {label} version {number}: the chain is broken")
    content: Content = json.loads(rows[start]["body"])
    for row in rows[start + 1 :]:
        content = apply(content, json.loads(row["body"]), label)
    return content
