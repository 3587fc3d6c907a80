"""Backup and restore of the 100k graph: how long each takes and how big the archive is.

    python -m benchmarks.backup [--home DIR] [--out FILE]

Backs up the graph in --home (default: the one `make bench-history` gave a history, else
the one `make bench-scale` imported), verifies the archive, restores it into a fresh
engine home, and checks the restored graph's hash against the backup's. Results:
bench-results/backup.json, with the archive's size next to the engine's data directory.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import CORPUS, RESULTS, write_result
from benchmarks.history import engine_at, progress
from graphstore import import_megamek
from graphstore.backup import create, restore, tally, verify
from graphstore.migrations import migrate
from graphstore.tenancy.tenants import create_tenant

TARGETS_S = {"backup": 60, "restore": 180}
TENANT = "corpus-guild"


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def run(home: Path) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="graphstore-bench-backup-"))
    archive = work / "graph.gsb"
    try:
        with engine_at(home) as graph:
            data_bytes = _size(home / "server" / "databases")
            started = time.perf_counter()
            made = create(graph, archive)
            backup_s = time.perf_counter() - started
        started = time.perf_counter()
        checked = verify(archive)
        verify_s = time.perf_counter() - started
        target_home = work / "restored"
        with engine_at(target_home) as target:
            started = time.perf_counter()
            done = restore(target, archive)
            restore_s = time.perf_counter() - started
            same = tally(target).graph_hash == made.metadata["graph_hash"]
        return {
            "records": made.metadata["records"],
            "nodes": made.metadata["nodes"],
            "backup_s": round(backup_s, 1),
            "verify_s": round(verify_s, 1),
            "verify_ok": checked.ok,
            "restore_s": round(restore_s, 1),
            "restore_records": done.records,
            "same_graph_hash": same,
            "archive_bytes": made.bytes,
            "engine_data_bytes": data_bytes,
            "archive_over_data": round(made.bytes / data_bytes, 3) if data_bytes else None,
            "targets_s": TARGETS_S,
            "met": backup_s < TARGETS_S["backup"] and restore_s < TARGETS_S["restore"] and same,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def corpus_round_trip() -> dict[str, Any]:
    """The 800-unit corpus imported into a tenant, backed up whole and restored into a
    fresh home; then that tenant alone, backed up and restored into another fresh home (which
    gets the catalog items the tenant uses from its backup)."""
    work = Path(tempfile.mkdtemp(prefix="graphstore-bench-backup-corpus-"))
    try:
        with engine_at(work / "source") as graph:
            migrate(graph)
            create_tenant(graph, {"id": TENANT})
            import_megamek(graph, CORPUS, tenant=TENANT)
            made = create(graph, work / "corpus.gsb")
            started = time.perf_counter()
            alone = create(graph, work / "tenant.gsb", tenant=TENANT)
            tenant_backup_s = time.perf_counter() - started
        with engine_at(work / "restored") as target:
            restore(target, made.path)
            same = tally(target).graph_hash == made.metadata["graph_hash"]
        with engine_at(work / "tenant-restored") as target:
            started = time.perf_counter()
            done = restore(target, alone.path)
            tenant_restore_s = time.perf_counter() - started
            tenant_same = tally(target, TENANT).graph_hash == alone.metadata["graph_hash"]
        return {
            "records": made.metadata["records"],
            "same_graph_hash": same,
            "tenant": {
                "records": alone.metadata["records"],
                "nodes": alone.metadata["nodes"],
                "shared_references": {k: len(v) for k, v in alone.metadata["references"].items()},
                "archive_bytes": alone.bytes,
                "backup_s": round(tenant_backup_s, 1),
                "restore_s": round(tenant_restore_s, 1),
                "restored_records": done.records,
                "shared_written": done.shared_written,
                "same_graph_hash": tenant_same,
            },
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def default_home() -> Path:
    """The 100k graph `make bench-history` gave a history, else the one `make bench-scale`
    imported."""
    history = RESULTS / "history-home"
    return history if history.is_dir() else RESULTS / "scale-home"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, default=default_home())
    parser.add_argument("--out", type=Path)
    parser.add_argument("--skip-corpus", action="store_true", help="no corpus round trip")
    args = parser.parse_args()
    corpus = CORPUS.is_dir() and not args.skip_corpus
    result: dict[str, Any] = {"corpus": corpus_round_trip()} if corpus else {}
    result["at_scale"] = run(args.home)
    path = write_result("backup", result, args.out)
    progress(f"wrote {path}")


if __name__ == "__main__":
    main()
