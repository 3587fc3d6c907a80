"""`graphstore backup ...` and the backup every destructive command takes first."""

from __future__ import annotations

import importlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphstore import GraphStore
from graphstore.backup import list_backups, tally
from graphstore.cli import app
from tests.store.conftest import unit
from tests.tenancy.conftest import Tenants


@pytest.fixture
def cli_store(catalog: GraphStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> GraphStore:
    @contextmanager
    def shared(**_: object) -> Iterator[object]:
        yield catalog.graph  # the session's graph: a command must not close it

    for module in ("backup", "history", "check", "migrate"):
        monkeypatch.setattr(importlib.import_module(f"graphstore.cli.{module}"), "connect", shared)
    monkeypatch.setenv("GRAPHSTORE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("GRAPHSTORE_BACKUP_KEY", raising=False)
    return catalog


def test_create_verify_list_restore_prune(cli_store: GraphStore, tmp_path: Path) -> None:
    before = tally(cli_store.graph).graph_hash
    made = CliRunner().invoke(app, ["backup", "create"])
    assert made.exit_code == 0, made.output
    [kept] = list_backups()
    # It holds every tenant's data and the keys' hashes: this user's alone.
    assert stat.S_IMODE(kept.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.path.parent.stat().st_mode) == 0o700
    checked = CliRunner().invoke(app, ["backup", "verify", str(kept.path)])
    assert checked.exit_code == 0, checked.output
    assert "intact" in checked.output
    assert kept.path.name in CliRunner().invoke(app, ["backup", "list"]).output

    cli_store.units.update("atlas-as7-d", {"role": "changed after the backup"})
    refused = CliRunner().invoke(app, ["backup", "restore", str(kept.path)])
    assert refused.exit_code == 1
    assert "not empty" in str(refused.exception)
    restored = CliRunner().invoke(app, ["backup", "restore", str(kept.path), "--replace"])
    assert restored.exit_code == 0, restored.output
    assert "backup taken first" in restored.output  # of the graph it replaced
    assert tally(cli_store.graph).graph_hash == before
    assert len(list_backups()) == 2
    pruned = CliRunner().invoke(app, ["backup", "prune", "--keep", "1"])
    assert "1 backup(s) deleted, 1 kept" in pruned.output


def test_backups_are_private_whatever_the_umask(cli_store: GraphStore, tmp_path: Path) -> None:
    callers = stat.S_IMODE(tmp_path.stat().st_mode)
    previous = os.umask(0o022)
    try:
        out = tmp_path / "made-here" / "deeper" / "b.gsb"
        made = CliRunner().invoke(app, ["backup", "create", "--out", str(out)])
    finally:
        os.umask(previous)
    assert made.exit_code == 0, made.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    for folder in (out.parent, out.parent.parent):  # made by the backup: 0700
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(tmp_path.stat().st_mode) == callers, "a folder it found keeps its mode"


def test_an_encrypted_backup_from_a_key_file(cli_store: GraphStore, tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_text("a long passphrase\n")
    out = tmp_path / "secret.gsb"
    made = CliRunner().invoke(app, ["backup", "create", "--out", str(out), "--key-file", str(key)])
    assert made.exit_code == 0, made.output
    without = CliRunner().invoke(app, ["backup", "verify", str(out)])
    assert "checksums intact; the content is encrypted" in without.output
    wrong = tmp_path / "wrong"
    wrong.write_text("not it")
    refused = CliRunner().invoke(app, ["backup", "verify", str(out), "--key-file", str(wrong)])
    assert refused.exit_code == 1
    assert "wrong key" in str(refused.exception)


def test_destructive_commands_back_up_first(cli_store: GraphStore) -> None:
    cli_store.loadouts.delete("atlas-stock", soft=True)
    purged = CliRunner().invoke(app, ["purge", "--older-than-days", "0"])
    assert purged.exit_code == 0, purged.output
    assert "backup taken first" in purged.output
    assert "purged Loadout atlas-stock" in purged.output
    compacted = CliRunner().invoke(app, ["history", "compact", "--before", "2000-01-01"])
    assert compacted.exit_code == 0, compacted.output
    assert "backup taken first" in compacted.output
    reasons = sorted(kept.path.stem.split("Z-", 1)[1] for kept in list_backups())
    assert reasons == ["before-history-compact", "before-purge"]


def test_a_repair_that_deletes_backs_up_first(cli_store: GraphStore) -> None:
    cli_store.graph.driver.execute_query(
        "CREATE (:Location {id: 'gone/HEAD', unit_id: 'gone', code: 'HEAD', crit_slots: 6})",
        database_=cli_store.graph.database,
    )
    repaired = CliRunner().invoke(app, ["check", "--repair", "--log", "/dev/null"])
    assert repaired.exit_code == 0, repaired.output
    assert "backup taken first" in repaired.output
    assert [kept.path.stem.split("Z-", 1)[1] for kept in list_backups()] == ["before-repair"]
    nothing = CliRunner().invoke(app, ["check", "--repair", "--log", "/dev/null"])
    assert "backup taken first" not in nothing.output  # nothing left to delete


def test_a_tenant_deleted_with_its_data_comes_back_from_its_own_backup(
    tenants: Tenants, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    graph = tenants.platform.graph

    @contextmanager
    def shared(**_: object) -> Iterator[object]:
        yield graph

    for module in ("backup", "tenancy"):
        monkeypatch.setattr(importlib.import_module(f"graphstore.cli.{module}"), "connect", shared)
    monkeypatch.setenv("GRAPHSTORE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("GRAPHSTORE_BACKUP_KEY", raising=False)
    tenants.a.units.create(unit("a-atlas"))
    tenants.b.units.create(unit("b-atlas"))
    before = tally(graph).graph_hash
    made = CliRunner().invoke(app, ["backup", "create", "--tenant", "guild-a"])
    assert made.exit_code == 0, made.output
    assert "tenant 'guild-a'" in " ".join(made.output.split())
    [mine] = list_backups()
    checked = CliRunner().invoke(app, ["backup", "verify", str(mine.path)])
    assert "intact; tenant 'guild-a'" in " ".join(checked.output.split())

    deleted = CliRunner().invoke(app, ["tenant", "delete", "guild-a", "--with-data"])
    assert deleted.exit_code == 0, deleted.output
    assert "--replace FILE` brings the tenant back" in " ".join(deleted.output.split())
    [safety] = [
        kept.path for kept in list_backups() if "before-tenant-delete-guild-a" in kept.path.name
    ]
    refused = CliRunner().invoke(app, ["backup", "restore", str(safety)])
    assert refused.exit_code == 1
    assert "only the audit trail" in str(refused.exception)
    restored = CliRunner().invoke(app, ["backup", "restore", str(safety), "--replace"])
    assert restored.exit_code == 0, restored.output
    assert "into tenant 'guild-a'" in " ".join(restored.output.split())
    assert tenants.a.units.get("a-atlas").id == "a-atlas"
    assert tenants.b.units.get("b-atlas").id == "b-atlas"
    assert tally(graph).graph_hash == before, "the whole graph is as it was"
    moved = CliRunner().invoke(app, ["backup", "restore", str(safety), "--as-tenant", "guild-c"])
    assert moved.exit_code == 1
    assert "used by other data" in str(moved.exception)
