"""Retention: old versions moved out of the graph into a checksummed archive file, and back.

`compact` works in two phases so that no version is ever only in flight:
1. read-only: every version older than the cutoff (never an entity's newest, and with
   `keep_every` never a multiple of it) is streamed into the archive, compressed (xz), with
   a trailer holding the count and the sha-256 of every line before it;
2. per page of entities, under their claims: exactly the archived versions are deleted, and
   a kept version whose predecessor left is rewritten as a snapshot (its content and hash
   never change, only how it is stored), so every remaining version still reads back. Each
   entity's `HistoryArchive` node records the hashes its chain now follows: `graphstore
   check` accepts exactly those gaps, so a version removed by anything else is still caught.

`restore_archive` checks the trailer first (a flipped byte or a cut file is refused), then
brings back every archived version that is not stored, and forgets the gaps it closed.
"""

from __future__ import annotations

import hashlib
import io
import json
import lzma
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from graphstore.errors import GraphStoreError
from graphstore.private_files import create_private, private_dirs
from graphstore.store.claims import claim
from graphstore.store.convert import plain
from graphstore.store.history.catch_up import entity_pages
from graphstore.store.history.chain import parse_key, rebuild
from graphstore.store.history.content import canonical, jsonable
from graphstore.store.scope import Runner, Scope, run

FORMAT = "graphstore-history-archive"
FORMAT_VERSION = 1
RESTORE_BATCH = 500

Progress = Callable[[str], None]


class ArchiveError(GraphStoreError):
    """The file is not a history archive, or not the one that was written (with where)."""


@dataclass
class CompactResult:
    archive: Path
    archived: int
    entities: int
    rewritten: int = 0
    checksum: str = ""


@dataclass
class RestoreArchiveResult:
    archive: Path
    restored: int
    already_stored: int
    entities: set[str] = field(default_factory=set)


def _removable(
    versions: list[dict[str, Any]], before: datetime, keep_every: int | None
) -> list[dict[str, Any]]:
    newest = max(v["number"] for v in versions)
    return [
        v
        for v in versions
        if v["number"] != newest
        and plain(v["at"]) < before
        and not (keep_every and v["number"] % keep_every == 0)
    ]


def compact(
    scope: Scope,
    before: datetime,
    out: Path,
    *,
    keep_every: int | None = None,
    progress: Progress | None = None,
) -> CompactResult:
    """Archives every version older than `before` into `out` and removes them from the
    graph (see the module). Refuses to overwrite an existing file."""
    if before.tzinfo is None:
        raise ArchiveError("the cutoff needs its offset (e.g. 2026-01-01T00:00:00Z)")
    if keep_every is not None and keep_every < 1:
        raise ArchiveError("--keep-every must be 1 or more")
    if out.exists():
        raise ArchiveError(f"{out} exists; name a new archive file")
    private_dirs(out.parent)
    partial_out = out.with_name(out.name + ".partial")
    archived: dict[str, set[str]] = {}  # entity key -> archived version keys
    digest = hashlib.sha256()
    count = 0
    try:
        with (
            create_private(partial_out) as raw,
            lzma.LZMAFile(raw, "w") as packed,
            io.TextIOWrapper(packed, encoding="utf-8") as sink,
        ):

            def line(record: dict[str, Any]) -> None:
                text = canonical(record) + "\n"
                digest.update(text.encode())
                sink.write(text)

            line(
                {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": datetime.now(UTC).isoformat(),
                    "before": before.isoformat(),
                    "keep_every": keep_every,
                }
            )
            for label, page in _pages(scope):
                for row in page:
                    versions = [plain(v) for v in row["versions"]]
                    if not versions:
                        continue
                    for version in _removable(versions, before, keep_every):
                        line({k: jsonable(v) for k, v in sorted(version.items())})
                        archived.setdefault(f"{label}:{row['id']}", set()).add(version["key"])
                        count += 1
                if progress:
                    progress(f"compact: {count} version(s) archived so far")
            sink.write(
                canonical({"trailer": True, "count": count, "sha256": digest.hexdigest()}) + "\n"
            )
    except BaseException:
        partial_out.unlink(missing_ok=True)
        raise
    partial_out.replace(out)
    result = CompactResult(
        archive=out, archived=count, entities=len(archived), checksum=digest.hexdigest()
    )
    by_label: dict[str, list[str]] = {}
    for entity in sorted(archived):
        label, entity_id = entity.split(":", 1)
        by_label.setdefault(label, []).append(entity_id)
    for label, ids in by_label.items():
        for start in range(0, len(ids), RESTORE_BATCH):
            chunk = ids[start : start + RESTORE_BATCH]
            result.rewritten += scope.write(
                partial(_remove_page, label=label, ids=chunk, archived=archived, archive=out.name)
            )
            if progress:
                progress(f"compact: {label.lower()}s {start + len(chunk)} of {len(ids)} trimmed")
    return result


def _pages(scope: Scope) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    for label, ids in entity_pages(scope):
        yield label, scope.read(partial(_versions, label=label, ids=ids))


def _versions(tx: Runner, *, label: str, ids: list[str]) -> list[dict[str, Any]]:
    return run(tx, "history/maintenance/versions_full", label=label, ids=ids)


def _remove_page(
    tx: Runner, *, label: str, ids: list[str], archived: dict[str, set[str]], archive: str
) -> int:
    claim(tx, label, ids)  # a recorder of one of these entities collides with this write
    removed: list[str] = []
    rewritten: list[dict[str, Any]] = []
    anchors: list[dict[str, Any]] = []
    for row in _versions(tx, label=label, ids=ids):
        entity = f"{label}:{row['id']}"
        versions = sorted((plain(v) for v in row["versions"]), key=lambda v: v["number"])
        leaving = archived.get(entity, set()) & {v["key"] for v in versions}
        if not leaving:
            continue
        follows = list(row["follows"] or [])
        snapshot_at: int | None = None
        previous_left = False
        for index, version in enumerate(versions):
            if version["key"] in leaving:
                previous_left = True
                continue
            if previous_left:
                # Its predecessor leaves: store it whole (rebuilt from what is still here).
                content = rebuild(label, versions[: index + 1], version["number"])
                body = canonical(content)
                snapshot_at = version["number"]
                rewritten.append(
                    {
                        "key": version["key"],
                        "body": body,
                        "snapshot": True,
                        "base": snapshot_at,
                        "size": len(body.encode()),
                    }
                )
                follows.append(version["previous_hash"])
                # Later reads in this loop rebuild from the stored form it now has.
                version.update(body=body, snapshot=True, base=snapshot_at)
            elif version["snapshot"]:
                snapshot_at = version["number"]
            elif snapshot_at is not None and version["base"] != snapshot_at:
                version["base"] = snapshot_at
                rewritten.append(
                    {
                        "key": version["key"],
                        "body": version["body"],
                        "snapshot": False,
                        "base": snapshot_at,
                        "size": version.get("size"),
                    }
                )
            previous_left = False
        removed += sorted(leaving)
        anchors.append(
            {
                "key": entity,
                "entity_label": label,
                "entity_id": row["id"],
                "follows": sorted(set(follows)),
            }
        )
    if removed:
        run(
            tx,
            "history/maintenance/compact_write",
            removed=removed,
            rewritten=rewritten,
            anchors=anchors,
            archive=archive,
        )
    return len(rewritten)


def read_archive(path: Path) -> Iterator[dict[str, Any]]:
    """The archived versions, after checking the whole file: its format, every line's
    JSON, and the trailer's count and checksum."""
    if not path.is_file():
        raise ArchiveError(f"{path}: no such file")
    digest = hashlib.sha256()
    count = 0
    trailer: dict[str, Any] | None = None
    try:
        with lzma.open(path, "rt", encoding="utf-8") as source:
            for number, text in enumerate(source, start=1):
                if trailer is not None:
                    raise ArchiveError(f"{path}: line {number} follows the trailer")
                record = json.loads(text)
                if number == 1:
                    if record.get("format") != FORMAT:
                        raise ArchiveError(f"{path}: not a graphstore history archive")
                    if record.get("format_version", 0) > FORMAT_VERSION:
                        raise ArchiveError(
                            f"{path}: format version {record['format_version']} is newer "
                            f"than this graphstore reads ({FORMAT_VERSION})"
                        )
                elif record.get("trailer"):
                    trailer = record
                    continue
                else:
                    count += 1
                digest.update(text.encode())
    except (lzma.LZMAError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as broken:
        raise ArchiveError(f"{path}: damaged after {count} version(s): {broken}") from broken
    if trailer is None:
        raise ArchiveError(f"{path}: cut short after {count} version(s) (no trailer)")
    if trailer.get("count") != count or trailer.get("sha256") != digest.hexdigest():
        raise ArchiveError(f"{path}: checksum mismatch: the file was changed after it was written")
    with lzma.open(path, "rt", encoding="utf-8") as source:
        for number, text in enumerate(source, start=1):
            record = json.loads(text)
            if number > 1 and not record.get("trailer"):
                yield record


def restore_archive(
    scope: Scope, path: Path, *, progress: Progress | None = None
) -> RestoreArchiveResult:
    """Brings back every version in the archive that is not stored (see the module)."""
    result = RestoreArchiveResult(archive=path, restored=0, already_stored=0)
    batch: list[dict[str, Any]] = []
    for record in read_archive(path):
        batch.append(record)
        if len(batch) == RESTORE_BATCH:
            _restore_batch(scope, batch, result)
            batch = []
            if progress:
                progress(f"restore-archive: {result.restored} version(s) back")
    if batch:
        _restore_batch(scope, batch, result)
    return result


def _restore_batch(scope: Scope, batch: list[dict[str, Any]], result: RestoreArchiveResult) -> None:
    def work(tx: Runner) -> tuple[int, int, set[str]]:
        by_label: dict[str, set[str]] = {}
        for record in batch:
            label, entity_id, _ = parse_key(record["key"])
            by_label.setdefault(label, set()).add(entity_id)
        for label, ids in sorted(by_label.items()):
            claim(tx, label, ids)
        keys = [record["key"] for record in batch]
        stored = {row["key"] for row in run(tx, "history/maintenance/existing_keys", keys=keys)}
        fresh = [_stored_form(r) for r in batch if r["key"] not in stored]
        restored_hashes = {r["hash"] for r in fresh}
        anchors = []
        for label, ids in sorted(by_label.items()):
            for row in _versions(tx, label=label, ids=sorted(ids)):
                follows = [h for h in row["follows"] or [] if h not in restored_hashes]
                anchors.append({"key": f"{label}:{row['id']}", "follows": follows})
        run(tx, "history/maintenance/archive_restore", versions=fresh, anchors=anchors)
        return (
            len(fresh),
            len(batch) - len(fresh),
            {f"{label}:{i}" for label, ids in by_label.items() for i in ids},
        )

    restored, skipped, entities = scope.write(work)
    result.restored += restored
    result.already_stored += skipped
    result.entities |= entities


def _stored_form(record: dict[str, Any]) -> dict[str, Any]:
    """An archived version as the graph stores it: its time as a time again."""
    return {**record, "at": datetime.fromisoformat(record["at"])}
