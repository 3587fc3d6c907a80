"""Reading a whole graph, or one tenant's part of it, as backup records, a page at a time,
and hashing it.

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
from graphstore.backup.archive import BackupError, decode_properties, encode_properties
from graphstore.graph import Graph, translate_driver_errors

_MODULUS = 2**256
BATCH = 2_000
"""Rows per statement when a restore writes records."""


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

    def differences(self, expected: dict[str, Any]) -> list[str]:
        """How these counts and this hash differ from `expected` (a backup's metadata)."""
        summary = self.summary()
        return [
            f"{key}: the backup says {expected.get(key)}, found {summary[key]}"
            for key in ("nodes", "relationships", "graph_hash")
            if expected.get(key) != summary[key]
        ]

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


OWNED = ("Unit", "Loadout", "Equipment", "Category")
"""Labels a tenant owns by `tenant` that its data may also point at when they are shared: a
relationship from a tenant's node to one of these outside the tenant names a shared item."""

CARRIED = ("Equipment", "Category")
"""Shared labels whose items a tenant's backup carries whole (catalog items stand alone; a
shared unit or loadout a tenant's data points at must be in the target already)."""


@dataclass
class References:
    """The shared items a tenant's data points at: their keys by label, and the records of
    those that are catalog items (CARRIED), read in the same transaction."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)

    def add(self, label: str, key: str) -> None:
        self.keys.setdefault(label, set()).add(key)

    def metadata(self) -> dict[str, Any]:
        return {
            "references": {label: sorted(keys) for label, keys in sorted(self.keys.items())},
            "shared": sorted(self.records, key=lambda r: (r["l"][0], r["p"]["id"])),
        }


def records(
    graph: Graph, tenant: str | None = None, references: References | None = None
) -> Iterator[dict[str, Any]]:
    """Every node, then every relationship, of the graph or of one tenant
    (cypher/backup/tenant_nodes), read in one read transaction and streamed (the driver
    pulls a page of records at a time): the graph is never held in memory. For a tenant,
    the shared items its relationships end at are gathered in `references` (the catalog's
    with their records: a few thousand at most, the catalog's size)."""
    if tenant is None:
        nodes, relationships = queries.load("backup/nodes"), queries.load("backup/relationships")
        parameters: dict[str, Any] = {}
    else:
        nodes = queries.load("backup/tenant_nodes")
        relationships = queries.load("backup/tenant_relationships")
        parameters = {"tenant_id": tenant}
    with (
        translate_driver_errors("backup"),
        graph.session(read=True) as session,
        session.begin_transaction() as tx,
    ):
        for record in tx.run(nodes.cypher, parameters):
            made = node_record(record["labels"], record["props"])
            if made is not None:
                yield made
        for record in tx.run(relationships.cypher, parameters):
            # By key, not record.data(): that converts every nested value once more.
            row = dict(zip(record.keys(), record.values(), strict=True))
            made = relationship_record(row)
            if made is None:
                continue
            if tenant is not None:
                _note_reference(made, row.get("end_tenant"), tenant, references)
            yield made
        if references is not None and references.keys:
            rows = [
                {"label": label, "key": key}
                for label in CARRIED
                for key in sorted(references.keys.get(label, ()))
            ]
            for record in tx.run(queries.load("backup/shared_nodes").cypher, {"rows": rows}):
                shared = node_record(record["labels"], record["props"])
                if shared is not None:
                    references.records.append(shared)


def _note_reference(
    record: dict[str, Any], end_tenant: str | None, tenant: str, references: References | None
) -> None:
    label, key = record["e"]
    if label not in OWNED or end_tenant == tenant:
        return
    if end_tenant is not None:
        raise BackupError(
            f"tenant {tenant!r}'s {record['s'][0]} {record['s'][1]!r} has a {record['t']} "
            f"to {label} {key!r} of another tenant ({end_tenant!r}); `graphstore check` "
            "finds such links"
        )
    if references is not None:
        references.add(label, key)


def node_keys(graph: Graph, tenant: str) -> list[tuple[str, str]]:
    """(label, key) of every node of one tenant (cypher/backup/tenant_nodes)."""
    found = []
    for row in graph.read("backup/tenant_nodes", tenant_id=tenant):
        label = model.primary(row["labels"])
        if label is not None:
            found.append((label, row["props"][model.KEYS[label]]))
    return found


def tally(graph: Graph, tenant: str | None = None) -> Tally:
    """The counts and the hash of the live graph (or of one tenant's part of it), as a
    backup of it would record them."""
    found = Tally()
    for record in records(graph, tenant):
        found.add(record)
    return found


def restore_batches(stream: Iterator[dict[str, Any]]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Records as rows of create_nodes and create_relationships, a batch at a time."""
    kind, batch = "", list[dict[str, Any]]()
    for record in stream:
        if "l" in record:
            row_kind = "nodes"
            row = {"labels": ":".join(record["l"]), "props": decode_properties(record["p"])}
        else:
            row_kind = "relationships"
            row = {
                "shape": f"{record['t']} {record['s'][0]} {record['e'][0]}",
                "start": record["s"][1],
                "end": record["e"][1],
                "props": decode_properties(record["p"]),
            }
        if batch and (row_kind != kind or len(batch) >= BATCH):
            yield kind, batch
            batch = []
        kind = row_kind
        batch.append(row)
    if batch:
        yield kind, batch
