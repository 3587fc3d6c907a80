"""The neomodel view: reads and traversal work, writes are refused, soft-deleted nodes hide."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from neomodel import db

from graphstore import EngineSettings, Graph, LocalEngine
from graphstore.errors import OGMReadOnlyError
from graphstore.migrations import migrate
from graphstore.ogm import Equipment, Loadout, Mount, Unit, connect_ogm, use_graph
from testkit import wipe
from tests.migrations.conftest import graph_fingerprint

_BUILD = """
CREATE (u:Unit {id: 'atlas', chassis: 'Atlas', model: 'AS7-D', name: 'Atlas AS7-D',
                tech_base: 'INNER_SPHERE', tonnage: 100.0, version: 1})
CREATE (u)-[:HAS_LOCATION]->(:Location {id: 'atlas/HEAD', unit_id: 'atlas', code: 'HEAD',
                                        crit_slots: 6, fixed_slots: 5, fixed: ['Cockpit']})
CREATE (stock:Loadout {id: 'atlas-stock', name: 'stock', unit_id: 'atlas', is_stock: true,
                       version: 1})
CREATE (old:Loadout {id: 'atlas-old', name: 'old', unit_id: 'atlas', version: 2,
                     deleted_at: datetime()})
CREATE (u)-[:HAS_LOADOUT]->(stock), (u)-[:HAS_LOADOUT]->(old)
CREATE (ml:Equipment {id: 'medium-laser', name: 'Medium Laser', tech_base: 'INNER_SPHERE',
                      tonnage: 1.0, heat: 3.0, damage: 5, version: 1})
CREATE (erml:Equipment {id: 'clan-er-ml', name: 'ER Medium Laser', tech_base: 'CLAN',
                        tonnage: 1.0, damage: '7', version: 1})
CREATE (gone:Equipment {id: 'retired', name: 'Retired', tech_base: 'CLAN', tonnage: 9.0,
                        version: 3, deleted_at: datetime()})
CREATE (ecm:Equipment {id: 'ecm', name: 'ECM Suite', tech_base: 'INNER_SPHERE', tonnage: 1.5})
CREATE (ml)-[:CONFLICTS_WITH {reason: 'demo'}]->(ecm)
WITH stock, ml, old
UNWIND range(1, $mounts) AS i
CREATE (stock)-[:MOUNTS {mount_id: 'm' + toString(i), location: 'LEFT_ARM', rear: false,
                         quantity: 1}]->(ml)
"""


def _build(graph: Graph, mounts: int) -> None:
    graph.driver.execute_query(_BUILD, {"mounts": mounts}, database_=graph.database)


@pytest.fixture
def ogm(graph: Graph) -> Graph:
    migrate(graph)
    _build(graph, mounts=3)
    use_graph(graph)
    return graph


@pytest.fixture
def query_counter(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    calls: list[str] = []
    original = db.cypher_query

    def counting(query: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(query)
        return original(query, *args, **kwargs)

    monkeypatch.setattr(db, "cypher_query", counting)
    return lambda: len(calls)


def test_get_by_id_and_traverse_to_live_loadouts(ogm: Graph) -> None:
    unit = Unit.nodes.get(id="atlas")
    assert (unit.uid, unit.chassis, unit.tonnage) == ("atlas", "Atlas", 100.0)
    assert [loadout.uid for loadout in unit.loadouts.all()] == ["atlas-stock"]
    assert [location.code for location in unit.locations.all()] == ["HEAD"]
    stock = unit.loadouts.get(id="atlas-stock")
    assert stock.unit.single().uid == "atlas"


def test_filters_ordering_and_relationship_properties(ogm: Graph) -> None:
    names = [e.name for e in Equipment.nodes.filter(tech_base="CLAN").order_by("name")]
    assert names == ["ER Medium Laser"], "the soft-deleted CLAN item stays hidden"
    heavy_first = [e.uid for e in Equipment.nodes.filter(tonnage__gte=1.0).order_by("-tonnage")]
    assert heavy_first[0] == "ecm"
    assert Equipment.nodes.get(id="medium-laser").damage == 5
    assert Equipment.nodes.get(id="clan-er-ml").damage == "7"

    stock = Loadout.nodes.get(id="atlas-stock")
    laser = Equipment.nodes.get(id="medium-laser")
    mounts = stock.mounts.all_relationships(laser)
    assert sorted(m.mount_id for m in mounts) == ["m1", "m2", "m3"]
    assert all(isinstance(m, Mount) and m.location == "LEFT_ARM" for m in mounts)
    assert [e.uid for e in laser.conflicts_with.all()] == ["ecm"]


def test_soft_deleted_nodes_are_hidden_unless_asked_for(ogm: Graph) -> None:
    assert Unit.nodes.get(id="atlas").loadouts.get_or_none(id="atlas-old") is None
    assert Loadout.nodes.get_or_none(id="atlas-old") is None
    assert Loadout.all_nodes.get(id="atlas-old").version == 2
    assert Equipment.nodes.get_or_none(id="retired") is None


def test_loading_a_unit_with_loadouts_and_mounts_takes_a_bounded_number_of_queries(
    ogm: Graph, query_counter: Callable[[], int]
) -> None:
    def load(unit_id: str) -> tuple[int, int]:
        before = query_counter()
        rows = (
            Unit.nodes.filter(id=unit_id)
            .traverse("loadouts__mounts")
            .filter(loadouts__deleted_at__isnull=True)
            .all()
        )
        mounted = sum(1 for row in rows if row)
        return query_counter() - before, mounted

    few_queries, few = load("atlas")
    wipe.clear_data(ogm)
    _build(ogm, mounts=30)
    many_queries, many = load("atlas")
    assert few >= 1
    assert many > few
    assert few_queries == many_queries == 1


@pytest.mark.parametrize(
    ("attempt", "names"),
    [
        (lambda: Unit(uid="new", chassis="X").save(), "GraphStore.units.create() / .update()"),
        (lambda: Unit.nodes.get(id="atlas").delete(), "GraphStore.units.delete()"),
        (lambda: Loadout.create({"uid": "orphan"}), "GraphStore.loadouts.create()"),
        (lambda: Equipment.get_or_create({"uid": "e"}), "GraphStore.equipment.create()"),
        (
            lambda: Loadout.nodes.get(id="atlas-stock").mounts.connect(
                Equipment.nodes.get(id="ecm"), {"location": "HEAD"}
            ),
            "the GraphStore API",
        ),
        (
            lambda: Unit.nodes.get(id="atlas").loadouts.disconnect(
                Loadout.nodes.get(id="atlas-stock")
            ),
            "the GraphStore API",
        ),
    ],
)
def test_writes_are_refused_naming_the_store_call_and_change_nothing(
    ogm: Graph, attempt: Callable[[], object], names: str
) -> None:
    before = graph_fingerprint(ogm)
    with pytest.raises(OGMReadOnlyError, match="skip the store's version, audit") as raised:
        attempt()
    assert names in str(raised.value)
    assert graph_fingerprint(ogm) == before, "no orphan, no write, nothing to audit"


def test_connect_ogm_uses_the_same_resolution_as_connect(
    ogm: Graph, engine_settings: EngineSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = LocalEngine(engine_settings)
    state = engine.require_running()
    monkeypatch.setenv("NEO4J_URI", state.uri)
    monkeypatch.setenv("NEO4J_USER", engine.user)
    monkeypatch.setenv("NEO4J_PASSWORD", engine.password())
    monkeypatch.setenv("NEO4J_DATABASE", state.database)
    with connect_ogm() as graph:
        assert graph.info.kind == "neo4j", "NEO4J_URI took precedence"
        assert Unit.nodes.get(id="atlas").chassis == "Atlas"
    use_graph(ogm)
