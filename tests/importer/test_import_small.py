"""The megamek importer on small hand-written data sets, against the real local engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphstore import Graph, GraphStore, graph_hash, import_megamek
from graphstore.errors import ImportSourceError
from tests.importer.conftest import WriteJson, biped_slots, item, q, unit

CATALOG = {
    "items": [
        item("medium-laser", "Medium Laser", category="Energy", heat=3, damage=5, ranges={}),
        item("large-laser", "Large Laser", category="Energy", heat=8, damage=8, criticalSlots=2),
        item("clan-er-medium-laser", "ER Medium Laser (Clan)", techBase="CLAN", heat=5),
        item("er-medium-laser", "ER Medium Laser", heat=5),
        item("rac-5", "Rotary AC/5", criticalSlots=6),
        item("rotaryac5", "Rotary AC/5", criticalSlots=6),
    ]
}
MISC = {
    "items": [
        item(
            "double-heat-sink",
            "Double Heat Sink",
            category="Heat Sink",
            criticalSlots=3,
            special=["Dissipates 2 heat"],
        ),
        item("medium-laser", "Medium Laser (misc copy)", category="Energy", heat=4),
        item(
            "hatchet",
            "Hatchet",
            validLocations=["Left Arm", "Right Arm"],
            requiresHand=True,
            requiresLowerArm=True,
        ),
    ]
}
MAPPINGS = {
    "$schema": "x",
    "Big Laser": "large-laser",
    "mappings": {"Medium Laser": "medium-laser"},
}


def _catalog(write_json: WriteJson) -> Path:
    write_json("equipment/weapons/energy.json", CATALOG)
    write_json("equipment/miscellaneous.json", MISC)
    return write_json("equipment/name-mappings.json", MAPPINGS)


def _mounts(graph: Graph, loadout_id: str) -> list[dict[str, object]]:
    return graph.read(q("mounts"), loadout_id=loadout_id)


def test_references_resolve_in_order_and_ties_stay_unresolved(
    migrated: Graph, write_json: WriteJson
) -> None:
    _catalog(write_json)
    root = write_json(
        "units/a.json",
        unit(
            "a",
            [
                ("medium-laser", "LEFT_ARM"),  # exact
                ("Big Laser", "RIGHT_ARM"),  # name-mappings.json
                ("1-ISMediumLaser", "LEFT_TORSO"),  # normalized: count and IS prefix
                ("2-clermediumlaser", "LEFT_TORSO"),  # normalized: Clan filter picks one
                ("rotary-ac-5", "RIGHT_TORSO"),  # two candidates: never guessed
                ("plasma-thrower", "CENTER_TORSO"),  # nothing
            ],
        ),
    )
    report = import_megamek(migrated, root)
    resolved = report.counts.mounts_resolved
    assert (resolved.exact, resolved.mapping, resolved.normalized) == (1, 1, 2)
    assert report.counts.mounts_unresolved == 2
    assert report.unresolved["rotary-ac-5"].candidates == ["rac-5", "rotaryac5"]
    assert report.unresolved["plasma-thrower"].candidates == []
    targets = {m["original_id"]: m["equipment_id"] for m in _mounts(migrated, "a.stock")}
    assert targets == {
        "medium-laser": "medium-laser",
        "Big Laser": "large-laser",
        "1-ISMediumLaser": "medium-laser",
        "2-clermediumlaser": "clan-er-medium-laser",
        "rotary-ac-5": "unresolved-rotary-ac-5",
        "plasma-thrower": "unresolved-plasma-thrower",
    }
    placeholder = migrated.read(q("node"), id="unresolved-rotary-ac-5")[0]
    assert set(placeholder["labels"]) == {"Equipment", "Unresolved"}
    assert placeholder["props"]["candidates"] == ["rac-5", "rotaryac5"]
    assert placeholder["props"]["original_id"] == "rotary-ac-5"
    assert "search_name" not in placeholder["props"]


def test_equipment_fields_categories_and_duplicates(migrated: Graph, write_json: WriteJson) -> None:
    root = _catalog(write_json)
    report = import_megamek(migrated, root)
    assert report.counts.equipment_imported == 8
    [duplicate] = report.duplicates
    assert duplicate.id == "medium-laser"
    assert duplicate.winner == "equipment/weapons/energy.json"
    assert duplicate.sources == ["equipment/weapons/energy.json", "equipment/miscellaneous.json"]
    assert duplicate.differing_fields == ["damage", "heat", "name", "ranges"]
    laser = migrated.read(q("node"), id="medium-laser")[0]["props"]
    assert laser["name"] == "Medium Laser"
    assert laser["search_name"] == "medium laser"
    assert (laser["heat"], laser["damage"], laser["tonnage"], laser["crit_slots"]) == (3, 5, 1, 1)
    assert (laser["intro_year"], laser["battle_value"], laser["is_weapon"]) == (3000, 10, True)
    assert laser["version"] == 1
    sink = migrated.read(q("node"), id="double-heat-sink")[0]["props"]
    assert (sink["heat_dissipation"], sink["is_weapon"]) == (2, False)
    hatchet = migrated.read(q("node"), id="hatchet")[0]["props"]
    assert hatchet["allowed_locations"] == ["LEFT_ARM", "RIGHT_ARM"]
    assert hatchet["requires_hand"] is True
    assert hatchet["requires_lower_arm"] is True
    # Category ids are URL-safe slugs; the path is kept as its own property.
    paths = {row["id"]: row["parent"] for row in migrated.read(q("categories"))}
    assert paths == {
        "weapons": None,
        "weapons-energy": "weapons",
        "miscellaneous": None,
        "miscellaneous-heat-sink": "miscellaneous",
    }
    stored = GraphStore(migrated).categories.get("weapons-energy")
    assert (stored.path, stored.imported_from) == ("weapons/energy", "equipment")


def test_locations_suffixes_fixed_slots_and_heat(migrated: Graph, write_json: WriteJson) -> None:
    _catalog(write_json)
    slots = biped_slots(
        RIGHT_TORSO=[
            "Large Laser",
            "Large Laser",
            "ISDoubleHeatSink",
            "ISDoubleHeatSink",
            "ISDoubleHeatSink",
            "IS Ammo AC/5",
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        LEFT_TORSO=["Medium Laser (R)"] + [None] * 11,
    )
    root = write_json(
        "units/b.json",
        unit(
            "b",
            [("large-laser", "RIGHT_TORSO,_AMMO:20"), ("medium-laser", "LEFT_TORSO_(R)")],
            criticalSlots=slots,
        ),
    )
    import_megamek(migrated, root)
    mounts = {m["original_id"]: m for m in _mounts(migrated, "b.stock")}
    assert mounts["large-laser"]["location"] == "RIGHT_TORSO"
    assert (mounts["large-laser"]["quantity"], mounts["large-laser"]["rear"]) == (20, False)
    assert mounts["medium-laser"]["location"] == "LEFT_TORSO"
    assert (mounts["medium-laser"]["quantity"], mounts["medium-laser"]["rear"]) == (1, True)
    assert {m["mount_id"] for m in mounts.values()} == {"b.stock.0", "b.stock.1"}
    right = migrated.read(q("node"), id="b/RIGHT_TORSO")[0]["props"]
    assert right["crit_slots"] == 12
    assert right["fixed"] == ["ISDoubleHeatSink"] * 3 + ["IS Ammo AC/5"]
    assert right["fixed_slots"] == 4
    assert migrated.read(q("node"), id="b/LEFT_TORSO")[0]["props"]["fixed_slots"] == 0
    centre = migrated.read(q("node"), id="b/CENTER_TORSO")[0]["props"]
    assert centre["fixed_slots"] == 10
    unit_props = migrated.read(q("node"), id="b")[0]["props"]
    assert unit_props["heat_dissipation"] == 20
    assert unit_props.get("free_tonnage") is None
    assert unit_props["name"] == "Test B"
    assert unit_props["search_name"] == "test b"


def test_malformed_files_are_reported_and_the_rest_imports(
    migrated: Graph, write_json: WriteJson
) -> None:
    _catalog(write_json)
    write_json("equipment/electronics.json", '{"items": [{"id": "ecm", "name": "ECM"')
    write_json("equipment/ammunition.json", {"items": [{"id": "x", "name": 5}]})
    write_json("units/good.json", unit("good", [("medium-laser", "LEFT_ARM")]))
    write_json("units/truncated.json", json.dumps(unit("cut", []))[:80])
    write_json("units/wrong-types.json", unit("wrong", [], tonnage="heavy"))
    no_list = unit("nolist", [])
    no_list["equipment"] = {"id": "medium-laser"}
    write_json("units/no-list.json", no_list)
    write_json("units/empty.json", unit("empty", []))
    root = write_json(
        "units/unknown-location.json",
        unit("where", [("medium-laser", "LEFT_WING"), ("medium-laser", "RIGHT_ARM")]),
    )
    report = import_megamek(migrated, root)
    problems = {(e.file, e.field) for e in report.errors}
    assert problems == {
        ("equipment/electronics.json", ""),
        ("equipment/ammunition.json", "items[0].name"),
        ("units/truncated.json", ""),
        ("units/wrong-types.json", "tonnage"),
        ("units/no-list.json", "equipment"),
        ("units/unknown-location.json", "equipment[0].location"),
    }
    # Imported, with a note: a unit whose file lists no equipment.
    assert {(w.file, w.field) for w in report.warnings} == {("units/empty.json", "equipment")}
    assert "LEFT_WING" in next(e.message for e in report.errors if "location" in e.field)
    assert report.counts.units_imported == 3
    assert report.counts.mounts_total == 2
    ids = {row["id"] for row in migrated.read(q("unit_ids"))}
    assert ids == {"good", "empty", "where"}
    assert [m["location"] for m in _mounts(migrated, "where.stock")] == ["RIGHT_ARM"]
    assert [m["mount_id"] for m in _mounts(migrated, "where.stock")] == ["where.stock.1"]


def test_a_better_catalog_resolves_placeholders_in_place(
    migrated: Graph, write_json: WriteJson
) -> None:
    _catalog(write_json)
    root = write_json("units/c.json", unit("c", [("plasma-thrower", "LEFT_ARM")]))
    first = import_megamek(migrated, root)
    assert first.counts.mounts_unresolved == 1
    [before] = _mounts(migrated, "c.stock")
    assert before["equipment_id"] == "unresolved-plasma-thrower"
    catalog = {"items": [*CATALOG["items"], item("plasma-thrower", "Plasma Thrower")]}
    write_json("equipment/weapons/energy.json", catalog)
    second = import_megamek(migrated, root)
    assert second.counts.mounts_unresolved == 0
    assert second.counts.mounts_resolved.exact == 1
    [after] = _mounts(migrated, "c.stock")
    assert after["equipment_id"] == "plasma-thrower"
    assert after["mount_id"] == before["mount_id"]
    assert migrated.read(q("node"), id="unresolved-plasma-thrower") == []
    assert migrated.read(q("node"), id="c")[0]["props"]["version"] == 2
    assert migrated.read(q("node"), id="medium-laser")[0]["props"]["version"] == 1


def test_dry_run_writes_nothing_and_reports_the_same(
    migrated: Graph, write_json: WriteJson
) -> None:
    _catalog(write_json)
    root = write_json("units/d.json", unit("d", [("medium-laser", "LEFT_ARM"), ("nope", "HEAD")]))
    empty = graph_hash(migrated)
    dry = import_megamek(migrated, root, dry_run=True)
    assert graph_hash(migrated) == empty
    real = import_megamek(migrated, root)
    assert dry.counts == real.counts
    assert dry.unresolved == real.unresolved


def test_the_json_report_has_exactly_the_agreed_fields(
    migrated: Graph, write_json: WriteJson, tmp_path: Path
) -> None:
    root = _catalog(write_json)
    report = import_megamek(migrated, root)
    report.write(tmp_path / "report.json")
    document = json.loads((tmp_path / "report.json").read_text())
    assert set(document) == {
        "counts",
        "unresolved",
        "corrections",
        "duplicates",
        "renamed",
        "left_alone",
        "errors",
        "warnings",
        "duration_s",
    }
    assert set(document["counts"]) == {
        "units_imported",
        "equipment_imported",
        "mounts_total",
        "mounts_resolved",
        "mounts_unresolved",
    }
    assert set(document["counts"]["mounts_resolved"]) == {"exact", "mapping", "normalized"}
    assert set(document["duplicates"][0]) == {"id", "winner", "sources", "differing_fields"}


def test_a_path_without_data_is_refused(migrated: Graph, tmp_path: Path) -> None:
    with pytest.raises(ImportSourceError, match="neither equipment/ nor units/"):
        import_megamek(migrated, tmp_path)


def test_a_reimported_unit_loses_locations_it_no_longer_has(
    migrated: Graph, write_json: WriteJson
) -> None:
    _catalog(write_json)
    root = write_json("units/e.json", unit("e", [("medium-laser", "LEFT_ARM")]))
    import_megamek(migrated, root)
    quad = unit("e", [("medium-laser", "FRONT_LEFT_LEG")], configuration="Quad")
    quad["criticalSlots"] = {
        code: slots
        for code, slots in biped_slots().items()
        if code in {"HEAD", "CENTER_TORSO", "LEFT_TORSO", "RIGHT_TORSO"}
    }
    write_json("units/e.json", quad)
    import_megamek(migrated, root)
    assert migrated.read(q("node"), id="e/LEFT_ARM") == []
    leg = migrated.read(q("node"), id="e/FRONT_LEFT_LEG")[0]["props"]
    assert leg["crit_slots"] == 6
    assert leg.get("fixed_slots") is None
    assert [m["location"] for m in _mounts(migrated, "e.stock")] == ["FRONT_LEFT_LEG"]


def test_every_kind_of_hostile_file_is_that_files_error(
    migrated: Graph, write_json: WriteJson, tmp_path: Path
) -> None:
    """Each bad file is reported with its reason; the good ones beside them import; a
    dry run reports the same and writes nothing."""
    _catalog(write_json)
    write_json("units/good.json", unit("good", [("medium-laser", "LEFT_ARM")]))
    write_json("units/deep.json", "[" * 100_000 + "]" * 100_000)
    write_json("units/huge-tonnage.json", unit("huge", [], tonnage=2**64))
    write_json("units/long-int.json", '{"id": "long", "tonnage": ' + "9" * 5000 + "}")
    ammo = unit("ammo", [("medium-laser", "LEFT_ARM")])
    ammo["equipment"][0]["location"] = f"LEFT_ARM,_AMMO:{2**64}"
    write_json("units/huge-ammo.json", ammo)
    root = write_json("units/ok-too.json", unit("ok-too", [("large-laser", "RIGHT_ARM")]))
    (root / "units" / "latin1.json").write_bytes(b'{"id": "caf\xe9"}')
    (root / "units" / "folder.json").mkdir()
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps(unit("stolen", [])), encoding="utf-8")
    (root / "units" / "link.json").symlink_to(outside)

    empty = graph_hash(migrated)
    dry = import_megamek(migrated, root, dry_run=True)
    assert graph_hash(migrated) == empty
    report = import_megamek(migrated, root)

    said = {e.file: e.message for e in report.errors}
    for bad in ("deep", "huge-tonnage", "long-int", "huge-ammo", "latin1"):
        assert f"units/{bad}.json" in said, (bad, said)
    assert "nest" in said["units/deep.json"]
    assert "UTF-8" in said["units/latin1.json"]
    skipped = {e.file: e.message for e in report.errors if "outside" in e.message}
    assert skipped
    assert all("link" in file for file in skipped)
    assert "units/folder.json" in said
    ids = {row["id"] for row in migrated.read(q("unit_ids"))}
    assert ids == {"good", "ok-too"}
    assert {e.file for e in dry.errors} == {e.file for e in report.errors}
