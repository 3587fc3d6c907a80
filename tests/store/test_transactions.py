"""store.transaction(): all or nothing; nesting is refused."""

from __future__ import annotations

import pytest

from graphstore import GraphStore, NotFoundError, TransactionError
from graphstore.store import MountCreate

from .conftest import unit


def test_an_exception_rolls_everything_back(catalog: GraphStore) -> None:
    def block() -> None:
        with catalog.transaction() as tx:
            tx.units.create(unit("marauder"))
            tx.loadouts.add_mount(
                "atlas-stock", MountCreate(equipment_id="large-laser", location="LEFT_TORSO")
            )
            tx.equipment.update("ac-20", {"heat": 9})
            raise RuntimeError("changed my mind")

    with pytest.raises(RuntimeError):
        block()
    assert not catalog.units.exists("marauder")
    assert catalog.loadouts.get("atlas-stock").version == 1
    assert len(catalog.loadouts.mounts("atlas-stock")) == 2
    assert catalog.equipment.get("ac-20").heat == 7
    assert catalog.history("marauder") == []


def test_a_clean_block_commits_everything(catalog: GraphStore) -> None:
    with catalog.transaction() as tx:
        tx.units.create(unit("marauder", chassis="Marauder", model="MAD-3R", tonnage=75))
        assert tx.units.get("marauder").tonnage == 75  # reads see the block's own writes
        tx.units.delete("atlas-as7-d")
    assert catalog.units.exists("marauder")
    with pytest.raises(NotFoundError):
        catalog.loadouts.get("atlas-stock")


def test_a_failed_operation_inside_rolls_back_the_earlier_ones(catalog: GraphStore) -> None:
    def block() -> None:
        with catalog.transaction() as tx:
            tx.units.update("atlas-as7-d", {"year": 3000})
            tx.units.update("no-such-unit", {"year": 3000})

    with pytest.raises(NotFoundError):
        block()
    assert catalog.units.get("atlas-as7-d").year == 2755


def test_nesting_is_refused(catalog: GraphStore) -> None:
    def block() -> None:
        with catalog.transaction() as tx:
            tx.units.update("atlas-as7-d", {"year": 3000})
            with tx.transaction():
                pass

    with pytest.raises(TransactionError, match="do not nest"):
        block()
    assert catalog.units.get("atlas-as7-d").year == 2755


def test_a_finished_transaction_cannot_be_reused(catalog: GraphStore) -> None:
    with catalog.transaction() as tx:
        pass
    with pytest.raises(TransactionError, match="ended"):
        tx.units.get("atlas-as7-d")


def test_a_racing_block_loses_nothing(catalog: GraphStore) -> None:
    """A block and a concurrent plain write touch the same unit. Depending on the engine the
    plain write waits for the block's lock, or the block's commit loses the race and raises
    ConflictError; either way no committed update is lost."""
    import threading

    from graphstore import ConflictError

    other_done = threading.Event()

    def other_writer() -> None:
        catalog.units.update("atlas-as7-d", {"role": "Juggernaut"})
        other_done.set()

    block_committed = True
    try:
        with catalog.transaction() as tx:
            tx.units.update("atlas-as7-d", {"year": 3000})
            thread = threading.Thread(target=other_writer)
            thread.start()
            other_done.wait(timeout=2)  # locking engines make it wait for our commit
    except ConflictError:
        block_committed = False
    thread.join(timeout=30)
    assert other_done.is_set()
    final = catalog.units.get("atlas-as7-d")
    assert final.role == "Juggernaut"
    if block_committed:
        assert (final.year, final.version) == (3000, 3)
    else:
        assert (final.year, final.version) == (2755, 2)
