"""Backup and restore on the real local engine: the demo (with history, audit and rules)
comes back with the same counts and the same graph hash, into a second engine home."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphstore import Graph, GraphStore
from graphstore.backup import BackupError, create, model, restore, tally, verify
from graphstore.errors import SchemaOutOfDateError
from graphstore.importer import load_demo
from graphstore.migrations import migrate, require_current
from testkit import wipe


@pytest.fixture(scope="module")
def source(session_graph: Graph) -> Graph:
    wipe.clear_data(session_graph)
    wipe.drop_schema(session_graph)
    migrate(session_graph)
    load_demo(session_graph)
    store = GraphStore(session_graph, actor="backup test")
    loadout = store.list_units(page_size=1).items[0].id + ".stock"
    store.loadouts.update(loadout, {"notes": "before the backup"})
    store.loadouts.branch(loadout, "backup-branch")
    return session_graph


def test_a_backup_restores_into_a_fresh_home_with_the_same_hash(
    source: Graph, target: Graph, tmp_path: Path
) -> None:
    made = create(source, tmp_path / "demo.gsb")
    assert made.metadata["graph_hash"] == tally(source).graph_hash
    assert made.metadata["nodes"]["Version"] > 0
    assert verify(made.path).ok
    wipe.clear_data(target)
    wipe.drop_schema(target)
    done = restore(target, made.path)
    assert tally(target).graph_hash == made.metadata["graph_hash"]
    require_current(target)  # the schema and the migration history came back
    assert GraphStore(target).loadouts.verify_history("backup-branch").ok
    with pytest.raises(BackupError, match="not empty"):
        restore(target, made.path)
    again = restore(target, made.path, replace=True)
    assert again.records == done.records


def test_every_label_and_relationship_of_a_real_graph_is_restorable(source: Graph) -> None:
    found = tally(source)
    assert set(found.nodes) <= set(model.LABEL_SETS)
    assert {tuple(shape.split(" ")) for shape in found.relationships} <= model.SHAPES


def test_an_encrypted_backup_needs_its_key(source: Graph, target: Graph, tmp_path: Path) -> None:
    made = create(source, tmp_path / "secret.gsb", secret=b"s3cret")
    assert b"Atlas" not in made.path.read_bytes()
    with pytest.raises(BackupError, match="encrypted"):
        restore(target, made.path, replace=True)
    with pytest.raises(BackupError, match="wrong key"):
        restore(target, made.path, secret=b"guess", replace=True)
    restore(target, made.path, secret=b"s3cret", replace=True)
    assert tally(target).graph_hash == made.metadata["graph_hash"]


def test_an_interrupted_restore_is_refused_until_run_again(
    source: Graph, target: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = create(source, tmp_path / "demo.gsb")
    from graphstore.backup import operations

    def broken(*_: object, **__: object) -> object:
        raise KeyboardInterrupt  # the process stops mid-way

    monkeypatch.setattr(operations, "tally", broken)
    with pytest.raises(KeyboardInterrupt):
        restore(target, made.path, replace=True)
    monkeypatch.undo()
    with pytest.raises(SchemaOutOfDateError, match="has not finished"):
        require_current(target)
    restore(target, made.path)  # no --replace needed: it starts over
    require_current(target)
    assert tally(target).graph_hash == made.metadata["graph_hash"]


def test_what_a_restore_cannot_write_is_refused_before_it_writes(
    target: Graph, tmp_path: Path
) -> None:
    from graphstore.backup.archive import Writer

    before = tally(target).graph_hash
    newer = Writer(tmp_path / "newer.gsb")
    newer.add({"l": ["Unit"], "p": {"id": "from-the-future"}})
    newer.finish({"schema_version": 99, "records": 1, "nodes": {"Unit": 1}})
    with pytest.raises(BackupError, match="schema version 99, newer than this graphstore"):
        restore(target, tmp_path / "newer.gsb", replace=True)
    alien = Writer(tmp_path / "alien.gsb")
    alien.add({"l": ["Starship"], "p": {"id": "x"}})
    alien.finish({"schema_version": 1, "records": 1, "nodes": {"Starship": 1}})
    with pytest.raises(BackupError, match="cannot restore: Starship"):
        restore(target, tmp_path / "alien.gsb", replace=True)
    assert tally(target).graph_hash == before  # nothing was written
