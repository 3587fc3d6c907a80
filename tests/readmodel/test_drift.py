"""`graphstore check` reports where the read model and the graph disagree, and `--repair`
(or `graphstore read-model rebuild`) mends it; a graph replaced under the read model is
copied again, never read stale."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from typer.testing import CliRunner

from graphstore import GraphStore
from graphstore.cli import app
from graphstore.readmodel import read_model
from graphstore.rules import RulesEngine
from graphstore.store.integrity import READ_MODEL_DRIFT
from tests.store.conftest import unit


@pytest.fixture(autouse=True)
def no_overlap(catalog: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A catch-up reads again the last seconds of the log, which would mend a bypass of
    something written just before: here the log is read from where it was left, so what the
    check finds does not depend on the test's speed."""
    monkeypatch.setattr(read_model(catalog.graph).settings, "overlap_s", 1e-6)
    catalog.list_units()  # copied now, ahead of what each test does


def _bypass(store: GraphStore, cypher: str) -> None:
    """A write the store never saw: Cypher run by hand, as in Neo4j Browser."""
    store.graph.driver.execute_query(cypher, database_=store.graph.database)


def test_a_write_that_bypassed_the_log_is_reported_and_repaired(catalog: GraphStore) -> None:
    assert [u.tonnage for u in catalog.list_units().items] == [100]
    assert catalog.check_integrity().counts().get(READ_MODEL_DRIFT) is None
    _bypass(catalog, "MATCH (u:Unit {id: 'atlas-as7-d'}) SET u.tonnage = 95")
    assert [u.tonnage for u in catalog.list_units().items] == [100], "stale, as reported below"
    report = catalog.check_integrity()
    [found] = [f for f in report.findings if f.kind == READ_MODEL_DRIFT]
    assert (found.label, found.id) == ("Unit", "atlas-as7-d")
    assert "read model: differs in properties, tonnage" in found.detail
    repaired = catalog.check_integrity(repair=True)
    assert READ_MODEL_DRIFT in {action.kind for action in repaired.repaired}
    assert READ_MODEL_DRIFT not in repaired.counts(), [f for f in repaired.findings]
    assert [u.tonnage for u in catalog.list_units().items] == [95]


def test_rows_missing_on_either_side_are_drift(catalog: GraphStore) -> None:
    _bypass(catalog, "MATCH (u:Unit {id: 'atlas-as7-d'}) DETACH DELETE u")
    catalog.units.create(unit("fresh-mech"))  # through the log: no drift
    kinds = {(f.label, f.id, f.detail) for f in catalog.check_integrity().findings
             if f.kind == READ_MODEL_DRIFT}  # fmt: skip
    gone = (
        "read model: only in the read model, gone from the graph (lists and statistics "
        "show it wrongly)"
    )
    # Its loadout stays in the graph, orphaned: the read model copies loadouts with owners.
    assert kinds == {("Unit", "atlas-as7-d", gone), ("Loadout", "atlas-stock", gone)}


def test_a_graph_emptied_under_the_read_model_is_copied_again(catalog: GraphStore) -> None:
    assert catalog.list_units().total == 1
    _bypass(catalog, "MATCH (n:Unit) DETACH DELETE n")
    _bypass(catalog, "MATCH (n:__ReadModelEpoch) DELETE n")  # what a wipe or restore does
    assert catalog.list_units().total == 0
    assert read_model(catalog.graph).state()["rebuilt_at"] is not None


def test_the_rebuild_command(catalog: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    @contextmanager
    def shared(**_: object) -> Iterator[object]:
        yield catalog.graph

    module = importlib.import_module("graphstore.cli.readmodel")
    monkeypatch.setattr(module, "connect", shared)
    done = CliRunner().invoke(app, ["read-model", "rebuild"])
    assert done.exit_code == 0, done.output
    assert "rebuilt in" in done.output
    assert "1 units" in done.output
    status = CliRunner().invoke(app, ["read-model", "status"])
    assert status.exit_code == 0, status.output
    assert "caught up (0 change(s) applied)" in status.output


def test_a_stored_verdict_left_stale_by_a_bypass_is_reported_and_repaired(
    catalog: GraphStore,
) -> None:
    rules = RulesEngine(catalog.graph)
    before = rules.validate("atlas-stock")  # reached now, and stored
    assert "tonnage_budget" not in {v.rule for v in before.violations}
    _bypass(catalog, "MATCH (u:Unit {id: 'atlas-as7-d'}) SET u.tonnage = 5")
    assert rules.validate("atlas-stock") == before, "the stored verdict, as reported below"
    found = {
        (f.label, f.id)
        for f in catalog.check_integrity().findings
        if f.kind == READ_MODEL_DRIFT and "stored verdict" in f.detail
    }
    assert found == {("Loadout", "atlas-stock")}
    catalog.check_integrity(repair=True)
    after = rules.validate("atlas-stock")
    assert "tonnage_budget" in {v.rule for v in after.violations}
    assert after == rules.validate_many(["atlas-stock"])[0]
