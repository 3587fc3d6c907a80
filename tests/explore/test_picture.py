"""The loadout picture (GET /v1/loadouts/{id}/graph.svg): parsed as XML, every mounted item
is labelled, the conflict is highlighted in the error colour, slot use is shown."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient

from graphstore import Graph, GraphStore
from graphstore.explore.picture import ERROR_COLOUR

SVG = "{http://www.w3.org/2000/svg}"
CONFLICTED = "hunchback-hbk-4g-demo-conflict.stock"


def _picture(client: TestClient, loadout_id: str) -> ET.Element:
    answer = client.get(f"/v1/loadouts/{loadout_id}/graph.svg")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("image/svg+xml")
    return ET.fromstring(answer.text)  # noqa: S314 (our own server's picture)


def test_every_mounted_item_is_labelled_and_the_conflict_is_red(
    client: TestClient, demo_graph: Graph
) -> None:
    root = _picture(client, CONFLICTED)
    mounts = [t for t in root.iter(f"{SVG}text") if "mount" in t.get("class", "").split()]
    loadout = GraphStore(demo_graph).loadouts.get(CONFLICTED, relations=["mounts"])
    assert loadout.mounts is not None
    assert sorted(t.get("data-equipment-id") for t in mounts) == sorted(
        m.equipment_id for m in loadout.mounts
    )
    assert all(t.text for t in mounts)
    conflicted = {t.get("data-equipment-id") for t in mounts if "conflict" in t.get("class", "")}
    assert conflicted == {"masc", "tsm"}
    assert all(t.get("fill") == ERROR_COLOUR for t in mounts if "conflict" in t.get("class", ""))
    status = "".join(
        next(t for t in root.iter(f"{SVG}text") if t.get("class") == "status").itertext()
    )
    assert "open error" in status


def test_a_location_over_its_slots_is_marked(client: TestClient) -> None:
    root = _picture(client, "crusader-crd-5s-demo-over-full.stock")
    over = [g.get("id") for g in root.iter(f"{SVG}g") if "over" in g.get("class", "").split()]
    assert over == ["RIGHT_ARM"]
    slots = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "slots"]
    assert any(text and text.endswith("/12 slots") for text in slots)


def test_an_unknown_loadout_is_a_404(client: TestClient) -> None:
    assert client.get("/v1/loadouts/nope.stock/graph.svg").status_code == 404
