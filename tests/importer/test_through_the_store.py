"""The importer writes through the store: the same ids, validation and audit as the API, and
it never takes over an entity it did not create."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph, GraphStore, import_megamek, load_demo
from graphstore.importer.ids import category_id, placeholder_id, store_id
from tests.importer.conftest import WriteJson, item, unit


def _data(write_json: WriteJson, *units: dict[str, object]) -> None:
    write_json("equipment/weapons/energy.json", {"items": [item("medium-laser", "Medium Laser")]})
    for document in units:
        write_json(f"units/{document['id']}.json", document)


def test_an_imported_unit_has_its_import_in_its_history(
    migrated: Graph, write_json: WriteJson
) -> None:
    _data(write_json, unit("u1", [("medium-laser", "LEFT_ARM")]))
    import_megamek(migrated, write_json("x", "{}").parent / "data")
    store = GraphStore(migrated)
    for entity in ("u1", "u1.stock", "medium-laser", "weapons-energy"):
        [change] = store.history(entity)
        assert (change.operation, change.actor, change.source) == ("create", "import", "importer")
    assert store.history("u1")[0].note == "units/u1.json"
    assert store.history("medium-laser")[0].note == "equipment/weapons/energy.json"
    assert store.units.get("u1").imported_from == "units/u1.json"


def test_a_users_entities_under_the_imported_ids_are_left_alone(
    migrated: Graph, write_json: WriteJson
) -> None:
    store = GraphStore(migrated, actor="alice")
    _data(write_json, unit("u1", [("medium-laser", "LEFT_ARM")]))
    root = write_json("x", "{}").parent / "data"
    import_megamek(migrated, root)
    # Alice replaces the imported stock loadout with her own under the same id, and creates
    # a unit whose id a later file also uses.
    store.loadouts.delete("u1.stock")
    store.loadouts.create({"id": "u1.stock", "unit_id": "u1", "name": "Alice's", "notes": "mine"})
    store.units.create(
        {
            "id": "u2",
            "chassis": "Alice",
            "model": "A-1",
            "unit_type": "BattleMech",
            "tonnage": 20,
            "tech_base": "CLAN",
            "rules_level": "STANDARD",
        }
    )
    _data(
        write_json,
        unit("u1", [("medium-laser", "RIGHT_ARM")], model="U1 REFIT"),
        unit("u2", [("medium-laser", "LEFT_ARM")]),
    )
    report = import_megamek(migrated, root)
    assert {(c.label, c.id) for c in report.left_alone} == {("Loadout", "u1.stock"), ("Unit", "u2")}
    assert store.units.get("u1").model == "U1 REFIT"  # the import's own unit is updated
    mine = store.loadouts.get("u1.stock", relations=["mounts"])
    assert (mine.name, mine.notes, mine.mounts) == ("Alice's", "mine", [])
    assert store.units.get("u2").chassis == "Alice"
    assert not store.loadouts.exists("u2.stock")


def test_source_ids_become_url_safe_and_the_report_says_so(
    migrated: Graph, write_json: WriteJson
) -> None:
    _data(write_json, unit("gÃ¶tterdÃ¤mmerung gtd-20c", [("Plasma [Thrower]", "HEAD")]))
    report = import_megamek(migrated, write_json("x", "{}").parent / "data")
    assert report.renamed == {"gÃ¶tterdÃ¤mmerung gtd-20c": "gotterdammerung-gtd-20c"}
    loadout = GraphStore(migrated).loadouts.get(
        "gotterdammerung-gtd-20c.stock", relations=["mounts"]
    )
    [mount] = loadout.mounts or []
    assert mount.equipment_id == placeholder_id("Plasma [Thrower]")
    assert mount.equipment_id.startswith("unresolved-Plasma-Thrower-")
    assert mount.original_id == "Plasma [Thrower]"
    assert (store_id("medium-laser"), category_id("weapons/energy")) == (
        "medium-laser",
        "weapons-energy",
    )


def test_values_the_api_refuses_are_refused_by_the_import(
    migrated: Graph, write_json: WriteJson
) -> None:
    write_json(
        "equipment/weapons/energy.json",
        {"items": [item("medium-laser", "Medium Laser"), item("bad", "Bad", weight=-3)]},
    )
    write_json("units/u1.json", unit("u1", [], tonnage=-50))
    report = import_megamek(migrated, write_json("x", "{}").parent / "data")
    problems = {(e.file, e.field) for e in report.errors}
    assert ("equipment/weapons/energy.json", "items[bad].tonnage") in problems
    assert ("units/u1.json", "tonnage") in problems
    store = GraphStore(migrated)
    assert not store.equipment.exists("bad")
    assert not store.units.exists("u1")
    assert store.equipment.exists("medium-laser")


@pytest.fixture(scope="module")
def demo_api(session_graph: Graph) -> TestClient:
    from tests.importer.conftest import reset

    load_demo(reset(session_graph))
    return TestClient(create_app(session_graph, ApiSettings(api_key=None)))


@pytest.mark.parametrize(
    ("path", "entity_id", "patch"),
    [
        ("/v1/units", "wasp-wsp-1a", {"role": "Scout"}),
        ("/v1/loadouts", "wasp-wsp-1a.stock", {"notes": "edited over HTTP"}),
        ("/v1/equipment", "medium-laser", {"battle_value": 47}),
        ("/v1/categories", "weapons-energy", {"name": "Energy weapons"}),
    ],
)
def test_every_imported_entity_is_readable_updatable_and_deletable_over_http(
    demo_api: TestClient, path: str, entity_id: str, patch: dict[str, object]
) -> None:
    assert demo_api.get(f"{path}/{entity_id}").status_code == 200 or path == "/v1/categories"
    updated = demo_api.patch(f"{path}/{entity_id}", json=patch)
    assert updated.status_code == 200, updated.json()
    deleted = demo_api.delete(f"{path}/{entity_id}", params={"soft": "true", "force": "true"})
    assert deleted.status_code == 200, deleted.json()
    restored = demo_api.post(f"{path}/{entity_id}/restore")
    assert restored.status_code == 200, restored.json()
