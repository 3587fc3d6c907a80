"""The version hash, pinned: a fixed content, parents and predecessor give one known digest,
and the chain check catches a rewrite that is consistent everywhere but in what follows it.

Written against the plain functions, so a change that alters the hash on the writing and the
checking side alike (the hash no longer covering its predecessor, say) still fails here.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from graphstore.store.history.chain import version_hash
from graphstore.store.history.reads import check_chain

CONTENT = {"properties": {"name": "Raid", "is_stock": False}, "mounts": {}}
# The SHA-256 of this text: the canonical JSON (sorted keys, no spaces) of the content, the
# parents and the predecessor's hash (docs/history.md).
FIRST_TEXT = (
    '{"content":{"mounts":{},"properties":{"is_stock":false,"name":"Raid"}},'
    '"parents":[],"previous":null}'
)
PINNED_FIRST = "75d9c26d56c36ba47864b1ef5395801c012522e125433ddc76a4bbfef285de14"
PINNED_SECOND = "7d7eaec3eccc92f1f0b580c056c41c23a3dcf8c28e7adf3401154d9850b06082"


def _row(number: int, content: dict[str, Any], previous: str | None) -> dict[str, Any]:
    return {
        "number": number,
        "snapshot": True,
        "body": json.dumps(content),
        "parents": [],
        "previous_hash": previous,
        "hash": version_hash(previous, [], content),
    }


def test_the_hash_of_a_fixed_version_is_pinned() -> None:
    assert hashlib.sha256(FIRST_TEXT.encode()).hexdigest() == PINNED_FIRST
    assert version_hash(None, [], CONTENT) == PINNED_FIRST
    assert version_hash(PINNED_FIRST, ["Loadout:a#1"], CONTENT) == PINNED_SECOND


def test_the_hash_covers_the_predecessor_the_parents_and_the_content() -> None:
    base = version_hash("a" * 64, [], CONTENT)
    assert version_hash("b" + "a" * 63, [], CONTENT) != base
    assert version_hash("a" * 64, ["Loadout:x#1"], CONTENT) != base
    other = {**CONTENT, "properties": {**CONTENT["properties"], "name": "Raid!"}}
    assert version_hash("a" * 64, [], other) != base


def test_a_rewritten_version_breaks_the_version_after_it() -> None:
    """v1 rewritten with a hash of its own, and v2 pointed at that hash: only the hash of
    v2, which covers its predecessor's, can tell."""
    first = _row(1, CONTENT, None)
    second = _row(2, {**CONTENT, "properties": {"name": "Raid 2"}}, first["hash"])
    assert check_chain("Loadout", "a", {"versions": [first, second]}).ok
    forged_content = {**CONTENT, "properties": {"name": "Forged"}}
    forged = _row(1, forged_content, None)
    relinked = {**second, "previous_hash": forged["hash"]}
    report = check_chain("Loadout", "a", {"versions": [forged, relinked]})
    assert not report.ok
    assert report.problems == ["version 2: its content does not match its hash"]
