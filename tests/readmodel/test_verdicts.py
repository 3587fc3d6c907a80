"""Stored verdicts (graphstore.readmodel.verdicts) always equal a fresh validation: after
random writes of every kind that can change a verdict (the loadout, its unit, an item it
mounts, an item's rules, an accepted violation, a category), a batch validation that reuses
what it stored answers exactly what one that validates everything afresh answers."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore import Graph, GraphStore, GraphStoreError
from graphstore.errors import NotFoundError
from graphstore.readmodel import read_model
from graphstore.rules import AcceptedViolationCreate, RulesEngine
from testkit import wipe
from tests.readmodel.test_equivalence import ITEMS, _fleet, _write


def _results(engine: RulesEngine, *, reuse: bool) -> dict[str, object]:
    run = engine.validate_all(reuse=reuse)
    return {result.loadout_id: result.model_dump() for result in run}


def _rule_write(graph: Graph, picker: random.Random) -> None:
    """A write that changes a verdict without touching the loadout."""
    store = GraphStore(graph, actor="w")
    kind = picker.choice(["heavier", "conflict", "accept", "category"])
    try:
        if kind == "heavier":
            store.equipment.update(picker.choice(ITEMS[:4]), {"tonnage": picker.choice([1, 30])})
        elif kind == "conflict":
            first, second = picker.sample(ITEMS[:4], 2)
            store.equipment.add_rule(first, "CONFLICTS_WITH", second)
        elif kind == "accept":
            loadouts = [row["id"] for row in graph.read("readmodel/export_loadouts")]
            if loadouts:
                RulesEngine(graph).accept_violation(
                    "Loadout",
                    picker.choice(loadouts),
                    AcceptedViolationCreate(rule="tonnage_budget", reason="ok", accepted_by="t"),
                )
        else:
            store.categories.create({"id": f"cat-{picker.randrange(10**6)}", "name": "C"})
    except GraphStoreError:
        pass


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1))
def test_stored_verdicts_equal_a_fresh_validation_after_any_write(
    session_graph: Graph, seed: int
) -> None:
    wipe.clear_data(session_graph)
    wipe.drop_schema(session_graph)
    _fleet(session_graph, seed=seed, size=10)
    # Writes within the overlap window keep their loadouts' verdicts from being stored (see
    # the module): here the window is a microsecond, so the fleet's own creation does not.
    model = read_model(session_graph)
    overlap = model.settings.overlap_s
    model.settings.overlap_s = 1e-6
    try:
        _check(session_graph, seed)
    finally:
        model.settings.overlap_s = overlap


def _check(session_graph: Graph, seed: int) -> None:
    picker = random.Random(seed)
    counter = [10]
    engine = RulesEngine(session_graph)
    first = engine.validate_all()
    assert first.reused == 0
    assert {r.loadout_id: r.model_dump() for r in first} == _results(engine, reuse=False)
    reused = 0
    for _ in range(8):
        if picker.random() < 0.5:
            _write(session_graph, picker, counter)
        else:
            _rule_write(session_graph, picker)
        if picker.random() < 0.5:  # one loadout's validation, stored or reached anew
            fresh = _results(engine, reuse=False)
            for loadout_id in fresh:
                assert engine.validate(loadout_id).model_dump() == fresh[loadout_id]
        warm = engine.validate_all()
        stored = {r.loadout_id: r.model_dump() for r in warm}
        reused += warm.reused
        assert stored == _results(engine, reuse=False)
    assert reused > 0, "the warm runs reused stored verdicts"


def test_validations_racing_writers_store_no_stale_verdict(session_graph: Graph) -> None:
    """Readers validate single loadouts (storing verdicts) while writers change what those
    verdicts depend on: afterwards every stored verdict still equals a fresh validation."""
    wipe.clear_data(session_graph)
    wipe.drop_schema(session_graph)
    _fleet(session_graph, seed=23, size=12)
    engine = RulesEngine(session_graph)
    loadouts = [row["id"] for row in session_graph.read("readmodel/export_loadouts")]
    stored_mid_race: list[str] = []
    failures: list[BaseException] = []
    writing = threading.Event()
    writing.set()
    counters = [[12 + 1000 * n] for n in range(2)]

    def writer(number: int) -> None:
        picker = random.Random(number)
        for _ in range(20):
            if picker.random() < 0.5:
                _write(session_graph, picker, counters[number])
            else:
                _rule_write(session_graph, picker)
            time.sleep(0.15)  # gaps past the overlap, where a verdict can be stored

    def reader(number: int) -> None:
        picker = random.Random(100 + number)
        model = read_model(session_graph)
        while writing.is_set():
            loadout_id = picker.choice(loadouts)
            try:
                engine.validate(loadout_id)
            except NotFoundError:
                continue  # deleted by a writer
            if model.stored_verdicts([loadout_id], engine.rules_key):
                stored_mid_race.append(loadout_id)

    def reporting(work: Callable[[int], None]) -> Callable[[int], None]:
        def run(number: int) -> None:
            try:
                work(number)
            except BaseException as error:  # a thread's failure is the test's
                failures.append(error)

        return run

    writers = [threading.Thread(target=reporting(writer), args=(n,)) for n in range(2)]
    readers = [threading.Thread(target=reporting(reader), args=(n,)) for n in range(2)]
    # A verdict is not stored for a loadout the log touched since its validation began,
    # less the overlap (late commits): 0.3 s here, far above a local commit's delay.
    model = read_model(session_graph)
    overlap, model.settings.overlap_s = model.settings.overlap_s, 0.3
    try:
        for thread in [*writers, *readers]:
            thread.start()
        for thread in writers:
            thread.join()
    finally:
        writing.clear()
        for thread in readers:
            thread.join()
        model.settings.overlap_s = overlap
    assert failures == []
    print(f"verdicts stored mid-race: {len(stored_mid_race)}")
    assert len(stored_mid_race) >= 3, "verdicts were stored while the writers wrote"
    fresh = _results(engine, reuse=False)
    for loadout_id, expected in fresh.items():
        assert engine.validate(loadout_id).model_dump() == expected, loadout_id
