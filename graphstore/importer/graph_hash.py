"""A hash of the domain graph's content, to prove that two imports left the same graph.

It covers every Unit, Equipment, Category, Loadout and Location with all labels and
properties (version included), and every relationship between them with its properties.
created_at and updated_at are left out: they record when, not what; so is the claim counter
`_lock`, which records that a node was written alongside others, not what it holds.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from graphstore.graph import Graph

_VOLATILE = {"created_at", "updated_at", "_lock"}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in _VOLATILE}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def graph_hash(graph: Graph) -> str:
    nodes = sorted(
        json.dumps([sorted(row["labels"]), _plain(row["props"])], sort_keys=True)
        for row in graph.read("importer/graph_nodes")
    )
    relationships = sorted(
        json.dumps(
            [row["type"], row["source"], row["target"], _plain(row["props"])], sort_keys=True
        )
        for row in graph.read("importer/graph_relationships")
    )
    digest = hashlib.sha256()
    for line in [*nodes, "--", *relationships]:
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
