"""Restoring a backup of one tenant, into its tenant or under a new tenant id.

A graph that serves other tenants stays in service while one is restored, so the tenant's
data is written under a staging id first (`__restore-<tenant>`: no tenant id can start with
an underscore) and becomes the tenant's in one transaction at the end
(cypher/backup/tenant_finish). Until then no reader of the tenant sees any of it, and its
keys do not exist (they are written by that same transaction). What a restore with
`replace` replaces leaves service the same way, in one transaction, before it is deleted
(`__replaced-<tenant>`, cypher/backup/tenant_retire). A restore that stops part-way
leaves its marker, its staging and what it retired; the next restore of the tenant clears
them.

Ids are unique across the graph, so a restore refuses, before it writes, a backup holding
an id the target uses for anything but the tenant it replaces. A tenant's data may point
at shared items: the catalog's (equipment, categories) come in the backup and are written
where the target lacks them (never over the target's own); shared templates must be there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from rich.progress import Progress

from graphstore.backup import model
from graphstore.backup.archive import BackupError, Reader, decode_properties
from graphstore.backup.stream import OWNED, Tally, node_keys, restore_batches, tally
from graphstore.graph import Graph
from graphstore.importer.progress import start_phase
from graphstore.migrations import Migrator
from graphstore.tenancy.names import TENANT_ID_PATTERN

STAGING_PREFIX = "__restore-"
RETIRED_PREFIX = "__replaced-"
CHECK_BATCH = 2_000
SHOWN = 10
_STAMPED = frozenset({"Unit", "Loadout", "Equipment", "Category", "Version", "Change"})
"""Labels whose nodes carry their tenant's id as `tenant`."""
_MARKED = frozenset({"Location", "Calculation", "AcceptedViolation", "HistoryArchive"})
"""Labels whose staged nodes carry `restoring` (they have no `tenant` to stage by)."""


@dataclass
class TenantRestore:
    tenant: str
    records: int
    keys_left_out: int
    shared_written: int
    graph_hash: str
    restarted: bool


def staging_id(tenant: str) -> str:
    return STAGING_PREFIX + tenant


def restore_tenant(
    graph: Graph,
    path: Path,
    reader: Reader,
    metadata: dict[str, Any],
    *,
    as_tenant: str | None = None,
    replace: bool = False,
    before_replace: Callable[[str | None], object] | None = None,
    progress: Progress | None = None,
) -> TenantRestore:
    """Restores the tenant backup `reader` reads (its checksums already checked) into the
    tenant it came from, or `as_tenant`; see the module. Keys come back only into the
    tenant they were made for: a tenant restored under a new id gets none."""
    source: str = metadata["tenant"]
    target = as_tenant or source
    if not re.fullmatch(TENANT_ID_PATTERN, target):
        raise BackupError(
            f"{target!r} is not a tenant id: lower-case letters, digits and dashes, starting "
            "with a letter or digit"
        )
    staging = staging_id(target)
    keep_keys = target == source
    _prepare_schema(graph, path, metadata)

    leftover = graph.read("backup/tenant_marker", tenant_id=target)
    held = node_keys(graph, target)
    data = [key for key in held if key[0] != "Tenant"]
    if data and not replace:
        if all(label == "Change" for label, _ in data):
            raise BackupError(
                f"tenant {target!r} holds only the audit trail its deleted data left "
                f"({len(data)} Change records): pass --replace to restore over it (the audit "
                "records written after the backup go with it; a backup of them is taken first)"
            )
        raise BackupError(
            f"tenant {target!r} already holds {len(data)} node(s) ({_summary(data)}); restore "
            "into a tenant without data, or pass --replace (which takes a backup of it first)"
        )
    retired = RETIRED_PREFIX + target
    left = {*node_keys(graph, staging), *node_keys(graph, retired)}
    if leftover:
        left |= _staged_orphans(graph, staging)
    shared = _shared_to_write(graph, path, metadata)
    renamed = _Renamer(source, target, staging, keep_keys)
    _require_free_keys(graph, path, reader, renamed, {*held, *left}, progress)

    if data and before_replace is not None:
        before_replace(target)
    # Nothing is written before this line (but the safety backup).
    graph.write(
        "backup/tenant_marker_set",
        file=str(path),
        tenant_id=target,
        staging=staging,
        now=datetime.now(UTC),
    )
    _delete(graph, left)  # what an interrupted restore of the tenant left
    if held:
        # Out of service in one transaction (keys unchanged), then deleted in batches.
        graph.write("backup/tenant_retire", tenant_id=target, retired=retired)
        _delete(graph, [("Tenant", retired) if key == ("Tenant", target) else key for key in held])
    for kind, batch in restore_batches(iter(shared)):
        # Shared, so in service at once: only what the target lacked, never over its own.
        graph.write(f"backup/create_{kind}", rows=batch)
    found_in_file, staged, final = Tally(), Tally(), Tally()
    keys: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []

    def staged_records() -> Iterator[dict[str, Any]]:
        for record in reader.records():
            found_in_file.add(record)
            if _is_key(record):
                if keep_keys:
                    final.add(record)
                    if "l" in record:
                        keys.append(decode_properties(record["p"]))
                    else:
                        links.append({"start": record["s"][1], "props": record["p"]})
                continue
            final.add(renamed.final(record))
            made = renamed.staged(record)
            staged.add(made)
            yield made

    written = 0
    phase = start_phase(progress, "restore", metadata["records"])
    for kind, batch in restore_batches(staged_records()):
        graph.write(f"backup/create_{kind}", rows=batch)
        written += len(batch)
        phase.advance(len(batch))
    problems = found_in_file.differences(metadata)
    if problems:
        raise BackupError(f"{path} does not hold what its metadata says: {'; '.join(problems)}")
    check = start_phase(progress, "check", None)
    problems = tally(graph, staging).differences(staged.summary())
    if problems:
        raise BackupError(
            "the staged tenant differs from the backup (it stays staged; the next restore of "
            f"the tenant clears it): {'; '.join(problems)}"
        )
    graph.write(
        "backup/tenant_finish",
        staging=staging,
        tenant_id=target,
        keys=keys,
        links=[
            {"start": link["start"], "props": decode_properties(link["props"])} for link in links
        ],
    )
    problems = tally(graph, target).differences(final.summary())
    check.finish()
    if problems:
        raise BackupError(f"tenant {target!r} differs from its backup: {'; '.join(problems)}")
    left_out = 0 if keep_keys else found_in_file.nodes.get("ApiKey", 0)
    return TenantRestore(
        target,
        written + len(keys) + len(links),
        left_out,
        len(shared),
        final.graph_hash,
        bool(leftover),
    )


def _prepare_schema(graph: Graph, path: Path, metadata: dict[str, Any]) -> None:
    """An empty graph is migrated to the backup's schema version; a graph in use must be at
    it already (a tenant's data is not migrated on its own)."""
    for unfinished in graph.read("migrations/restore_marker"):
        raise BackupError(
            f"a restore of the whole graph from {unfinished['file']} has not finished here: "
            "run it again first"
        )
    version = metadata.get("schema_version") or 0
    if not graph.read("backup/node_count")[0]["nodes"]:
        if version:
            Migrator(graph).migrate(target=version)
        return
    current = Migrator(graph).history.schema_version()
    if current != version:
        raise BackupError(
            f"{path} holds schema version {version} and this graph is at {current}: a tenant "
            "restores into a graph at its backup's schema version (or into an empty graph, "
            "which it migrates)"
        )


def _staged_orphans(graph: Graph, staging: str) -> set[tuple[str, str]]:
    found = set()
    for row in graph.read("backup/staged_orphans", staging=staging):
        label = model.primary(row["labels"])
        if label is not None:
            found.add((label, row["keys"][model.KEYS[label]]))
    return found


def _shared_to_write(graph: Graph, path: Path, metadata: dict[str, Any]) -> list[dict[str, Any]]:
    """The shared catalog items the backup carries that the target lacks (a restore writes
    them); BackupError for any other shared item the tenant's data uses that it lacks, or
    for an id the target holds as another tenant's."""
    references: dict[str, list[str]] = metadata.get("references") or {}
    rows = [{"label": label, "key": key} for label, keys in references.items() for key in keys]
    if not rows:
        return []
    missing = _by_label(graph.read("backup/references_missing", rows=rows)[0], OWNED)
    carried = {(r["l"][0], r["p"]["id"]): r for r in metadata.get("shared") or []}
    lacking = [key for key in missing if key not in carried]
    if lacking:
        raise BackupError(
            f"{path}: the target lacks {len(lacking)} shared item(s) the tenant's data uses "
            f"({_shown(lacking)}); restore or import them first"
        )
    writing = [{"label": label, "key": key} for label, key in missing]
    owned = _by_label(graph.read("backup/keys_taken", rows=writing)[0], OWNED) if writing else []
    if owned:
        raise BackupError(
            f"{path}: {len(owned)} shared item(s) the tenant's data uses are another tenant's "
            f"in the target ({_shown(owned)})"
        )
    return [carried[key] for key in missing]


def _require_free_keys(
    graph: Graph,
    path: Path,
    reader: Reader,
    renamed: _Renamer,
    clearing: set[tuple[str, str]],
    progress: Progress | None,
) -> None:
    """One pass over the backup's nodes: none may have an id the target uses elsewhere."""
    phase = start_phase(progress, "ids", None)
    taken: list[tuple[str, str]] = []
    nodes = (
        renamed.final(record)
        for record in reader.records()
        if "l" in record and (renamed.keep_keys or not _is_key(record))
    )
    while batch := list(islice(nodes, CHECK_BATCH)):
        rows = []
        for record in batch:
            label = record["l"][0]
            rows.append({"label": label, "key": record["p"].get(model.KEYS[label])})
        found = _by_label(graph.read("backup/keys_taken", rows=rows)[0], model.KEYS)
        taken += [key for key in found if key not in clearing]
        phase.advance(len(batch))
    phase.finish()
    if taken:
        raise BackupError(
            f"{path}: {len(taken)} id(s) in the backup are used by other data in the target "
            f"({_shown(taken)}); ids are unique across the graph, so a tenant restores beside "
            "its original only after that is deleted"
        )


def _delete(graph: Graph, keys: Iterable[tuple[str, str]]) -> None:
    rows = [{"label": label, "key": key} for label, key in keys]
    for start in range(0, len(rows), CHECK_BATCH):
        graph.write("backup/delete_keys", rows=rows[start : start + CHECK_BATCH])


class _Renamer:
    """A record as the tenant `target` holds it (`final`), and as it is staged (`staged`)."""

    def __init__(self, source: str, target: str, staging: str, keep_keys: bool) -> None:
        self.source, self.target, self.staging, self.keep_keys = source, target, staging, keep_keys

    def final(self, record: dict[str, Any]) -> dict[str, Any]:
        return self._renamed(record, self.target, mark=False)

    def staged(self, record: dict[str, Any]) -> dict[str, Any]:
        return self._renamed(record, self.staging, mark=True)

    def _renamed(self, record: dict[str, Any], tenant: str, *, mark: bool) -> dict[str, Any]:
        if "l" not in record:
            if record["e"] == ["Tenant", self.source]:
                return {**record, "e": ["Tenant", tenant]}
            return record
        label, props = record["l"][0], record["p"]
        if label in _STAMPED and props.get("tenant") == self.source:
            props = {**props, "tenant": tenant}
        elif label == "Tenant":
            props = {**props, "id": tenant}
        elif mark and label in _MARKED:
            props = {**props, "restoring": tenant}
        return {**record, "p": props} if props is not record["p"] else record


def _is_key(record: dict[str, Any]) -> bool:
    return record.get("l", [None])[0] == "ApiKey" or record.get("t") == "KEY_OF"


def _by_label(row: dict[str, Any], labels: Iterable[str]) -> list[tuple[str, str]]:
    """The (label, key) pairs of a per-label result row (columns are lower-case labels)."""
    return [(label, key) for label in labels for key in row.get(label.lower(), [])]


def _summary(keys: list[tuple[str, str]]) -> str:
    counts: dict[str, int] = {}
    for label, _ in keys:
        counts[label] = counts.get(label, 0) + 1
    return ", ".join(f"{count} {label}" for label, count in sorted(counts.items()))


def _shown(keys: list[tuple[str, str]]) -> str:
    shown = ", ".join(f"{label} {key!r}" for label, key in keys[:SHOWN])
    return shown + (f" and {len(keys) - SHOWN} more" if len(keys) > SHOWN else "")
