"""Reading a whole graph as backup records, a page at a time, and hashing it.

A node record is `{"l": labels, "p": properties}`; a relationship record is
`{"t": type, "s": [label, key], "e": [label, key], "p": properties}`, each end named by
the label it is found by and that label's key (graphstore.backup.model). Properties are
encoded by graphstore.backup.archive.encode_properties.

The graph hash is a sum, modulo 2**256, of the sha-256 of every record: it does not depend
on the order records come in, so it is computed while streaming, in constant memory, the
same way from a live graph and from a backup file.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graphstore import queries
from graphstore.backup import model
from graphstore.backup.archive import BackupError, encode_properties
from graphstore.graph import Graph, translate_driver_errors

_MODULUS = 2**256


@dataclass
class Tally:
    """Counts per label set and per relationship shape, and the graph hash, of the records
    seen so far."""

    nodes: Counter[str] = field(default_factory=Counter)
    relationships: Counter[str] = field(default_factory=Counter)
    _sum: int = 0

    def add(self, record: dict[str, Any], line: str | None = None) -> None:
        """Counts and hashes a record (by its canonical line, when the caller has it)."""
        text = line if line is not None else canonical_line(record)
        self._sum = (self._sum + int.from_bytes(hashlib.sha256(text.encode()).digest())) % _MODULUS
        if "l" in record:
            self.nodes[":".join(record["l"])] += 1
        else:
            self.relationships[f"{record['t']} {record['s'][0]} {record['e'][0]}"] += 1

    @property
    def graph_hash(self) -> str:
        return f"{self._sum:064x}"

    def summary(self) -> dict[str, Any]:
        return {
            "nodes": dict(sorted(self.nodes.items())),
            "relationships": dict(sorted(self.relationships.items())),
            "graph_hash": self.graph_hash,
        }


def canonical_line(record: dict[str, Any]) -> str:
    """A record as one line of JSON with sorted keys: what a backup stores and hashes."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def node_record(labels: list[str], props: dict[str, Any]) -> dict[str, Any] | None:
    """None for a node a backup leaves out (graphstore.backup.model.SKIPPED)."""
    if model.SKIPPED & set(labels):
        return None
    ordered = sorted(labels, key=lambda label: (label not in model.KEYS, label))
    return {"l": ordered, "p": encode_properties(props)}


def _end(labels: list[str], keys: dict[str, Any]) -> list[Any] | None:
    label = model.primary(labels)
    if label is None:
        return None
    return [label, keys.get(model.KEYS[label])]


def relationship_record(row: dict[str, Any]) -> dict[str, Any] | None:
    if model.SKIPPED & {*row["start_labels"], *row["end_labels"]}:
        return None
    start, end = _end(row["start_labels"], row["start"]), _end(row["end_labels"], row["end"])
    if start is None or end is None or start[1] is None or end[1] is None:
        raise BackupError(
            f"a {row['type']} relationship joins nodes a backup cannot identify "
            f"({row['start_labels']} -> {row['end_labels']}): label them with a key "
            "(graphstore.backup.model.KEYS)"
        )
    return {"t": row["type"], "s": start, "e": end, "p": encode_properties(row["props"])}


def records(graph: Graph) -> Iterator[dict[str, Any]]:
    """Every node, then every relationship, read in one read transaction and streamed (the
    driver pulls a page of records at a time): the graph is never held in memory."""
    nodes, relationships = queries.load("backup/nodes"), queries.load("backup/relationships")
    with (
        translate_driver_errors("backup"),
        graph.session(read=True) as session,
        session.begin_transaction() as tx,
    ):
        for record in tx.run(nodes.cypher):
            made = node_record(record["labels"], record["props"])
            if made is not None:
                yield made
        for record in tx.run(relationships.cypher):
            # By key, not record.data(): that converts every nested value once more.
            made = relationship_record(dict(zip(record.keys(), record.values(), strict=True)))
            if made is not None:
                yield made


def tally(graph: Graph) -> Tally:
    """The counts and the hash of the live graph, as a backup of it would record them."""
    found = Tally()
    for record in records(graph):
        found.add(record)
    return found
