"""V003 moves a graph written before it: URL-safe category and placeholder ids (their audit
trail follows them), provenance for what an import made; U003 puts everything back."""

from __future__ import annotations

from graphstore import Graph, GraphStore
from graphstore.migrations import Migrator, migrate
from tests.migrations.conftest import graph_fingerprint

# What the importer and the store left behind at schema version 2.
BEFORE_V003 = [
    "CREATE (:Category {id: 'weapons', name: 'Weapons', path: 'weapons', version: 1,"
    " created_at: datetime(), updated_at: datetime()})",
    "CREATE (:Category {id: 'weapons/energy', name: 'Energy', path: 'weapons/energy',"
    " version: 1, created_at: datetime(), updated_at: datetime()})",
    "MATCH (c:Category {id: 'weapons/energy'}), (p:Category {id: 'weapons'})"
    " CREATE (c)-[:SUBCATEGORY_OF]->(p)",
    "CREATE (:Equipment {id: 'medium-laser', name: 'Medium Laser', tech_base: 'INNER_SPHERE',"
    " rules_level: 'STANDARD', tonnage: 1.0, content_hash: 'h', source_file: 'weapons/energy.json',"
    " version: 1, created_at: datetime(), updated_at: datetime()})",
    "MATCH (e:Equipment {id: 'medium-laser'}), (c:Category {id: 'weapons/energy'})"
    " CREATE (e)-[:IN_CATEGORY]->(c)",
    "CREATE (:Equipment:Unresolved {id: 'unresolved:Plasma [Thrower]',"
    " original_id: 'Plasma [Thrower]', name: 'Plasma [Thrower]', candidates: [], version: 1,"
    " created_at: datetime(), updated_at: datetime()})",
    "CREATE (:Unit {id: 'wasp', chassis: 'Wasp', model: 'WSP-1A', unit_type: 'BattleMech',"
    " tonnage: 20.0, tech_base: 'INNER_SPHERE', rules_level: 'STANDARD', content_hash: 'u',"
    " version: 1, created_at: datetime(), updated_at: datetime()})",
    "MATCH (u:Unit {id: 'wasp'}) CREATE (u)-[:HAS_LOADOUT]->(:Loadout {id: 'wasp.stock',"
    " name: 'Stock', unit_id: 'wasp', is_stock: true, version: 1, created_at: datetime(),"
    " updated_at: datetime()})",
    "MATCH (l:Loadout {id: 'wasp.stock'}), (e:Equipment {id: 'unresolved:Plasma [Thrower]'})"
    " CREATE (l)-[:MOUNTS {mount_id: 'wasp.stock.0', location: 'HEAD', rear: false,"
    " quantity: 1}]->(e)",
    "MATCH (c:Category {id: 'weapons/energy'}) CREATE (:Change {id: 'c1', at: datetime(),"
    " actor: 'alice', operation: 'update', entity_label: 'Category',"
    " entity_id: 'weapons/energy', before: '{}', after: '{}'})-[:CHANGED]->(c)",
]


def test_v003_makes_ids_url_safe_and_u003_puts_them_back(graph: Graph) -> None:
    migrate(graph, target=2)
    for statement in BEFORE_V003:
        graph.driver.execute_query(statement, database_=graph.database)
    before = graph_fingerprint(graph, bookkeeping=False)

    migrate(graph, target=3)
    store = GraphStore(graph)
    energy = store.categories.get("weapons-energy", relations=["parent", "members"])
    assert (energy.path, energy.parent_id, energy.member_ids) == (
        "weapons/energy",
        "weapons",
        ["medium-laser"],
    )
    assert [c.id for c in store.history("weapons-energy")] == ["c1"]
    [mount] = store.loadouts.mounts("wasp.stock")
    assert mount.equipment_id == "unresolved-Plasma--Thrower-"
    assert store.units.get("wasp").imported_from == "units"
    assert store.loadouts.get("wasp.stock").imported_from == "units"
    assert store.equipment.get("medium-laser").imported_from == "equipment/weapons/energy.json"
    assert store.check_integrity().ok

    Migrator(graph).rollback(to=2)
    assert graph_fingerprint(graph, bookkeeping=False) == before
