"""Every route on the real local engine with the demo data, including the error shapes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph, GraphStore
from graphstore.migrations import Migrator
from tests.api.helpers import new_unit, problem

STOCK = "hunchback-hbk-4g.stock"
CONFLICTED = "hunchback-hbk-4g-demo-conflict.stock"


def test_health_counts_the_demo(client: TestClient) -> None:
    body = client.get("/health/details").json()
    assert body["engine"] == "arcadedb"
    graph = client.app.state.graph  # type: ignore[attr-defined]
    assert body["schema_version"] == Migrator(graph).scripts().latest_version
    assert body["counts"]["Unit"] >= 12
    assert body["counts"]["Loadout"] >= body["counts"]["Unit"]


def test_units_filter_sort_and_page(client: TestClient) -> None:
    page = client.get(
        "/v1/units", params={"tech_base": "INNER_SPHERE", "sort": "tonnage", "descending": True,
                             "page_size": 3},
    ).json()  # fmt: skip
    assert page["page"] == 1
    assert page["page_size"] == 3
    assert len(page["items"]) == 3
    assert page["total"] > 3
    tonnages = [unit["tonnage"] for unit in page["items"]]
    assert tonnages == sorted(tonnages, reverse=True)
    assert all(unit["tech_base"] == "INNER_SPHERE" for unit in page["items"])

    ranged = client.get("/v1/units", params={"tonnage_min": 60, "tonnage_max": 70}).json()
    assert ranged["total"] >= 1
    assert all(60 <= u["tonnage"] <= 70 for u in ranged["items"])
    named = client.get("/v1/units", params={"q": "hunch"}).json()
    assert {u["chassis"] for u in named["items"]} == {"Hunchback"}


def test_list_filters_are_validated(client: TestClient) -> None:
    body = problem(client.get("/v1/units", params={"page_size": 500, "tech_base": "ELF"}), 422)
    assert {tuple(e["loc"])[-1] for e in body["errors"]} == {"page_size", "tech_base"}
    assert problem(client.get("/v1/units", params={"bogus": 1}), 422)["errors"]


def test_get_unit_with_projection_and_404(client: TestClient) -> None:
    projected = client.get("/v1/units/hunchback-hbk-4g", params={"fields": "chassis,tonnage"})
    assert projected.json() == {"id": "hunchback-hbk-4g", "chassis": "Hunchback", "tonnage": 50.0}
    full = client.get("/v1/units/hunchback-hbk-4g", params={"relations": "locations"}).json()
    assert len(full["locations"]) == 8
    body = problem(client.get("/v1/units/no-such-unit"), 404)
    assert body["id"] == "no-such-unit"


def test_unit_loadouts(client: TestClient) -> None:
    loadouts = client.get("/v1/units/hunchback-hbk-4g/loadouts").json()
    assert [loadout["id"] for loadout in loadouts] == [STOCK]
    problem(client.get("/v1/units/nope/loadouts"), 404)


def test_create_validates_every_field_at_once(client: TestClient) -> None:
    bad = new_unit("bad-unit") | {"tonnage": -5, "tech_base": "ELF", "year": "soon"}
    del bad["chassis"]
    body = problem(client.post("/v1/units", json=bad), 422)
    fields = {tuple(e["loc"])[-1] for e in body["errors"]}
    assert {"tonnage", "tech_base", "year", "chassis"} <= fields


def test_unit_write_cycle_with_versions(client: TestClient) -> None:
    created = client.post("/v1/units", json=new_unit("api-cycle"))
    assert created.status_code == 201, created.text
    assert created.json()["version"] == 1
    problem(client.post("/v1/units", json=new_unit("api-cycle")), 409)

    stale = problem(client.patch("/v1/units/api-cycle", json={"model": "X", "version": 7}), 409)
    assert stale["current_version"] == 1
    via_header = client.patch(
        "/v1/units/api-cycle", json={"model": "T-2"}, headers={"If-Match": '"1"'}
    )
    assert via_header.json()["version"] == 2
    assert via_header.json()["model"] == "T-2"
    problem(
        client.patch("/v1/units/api-cycle", json={"version": 2}, headers={"If-Match": "1"}), 422
    )
    problem(client.patch("/v1/units/api-cycle", json={"tonnage": -1}), 422)

    soft = client.delete("/v1/units/api-cycle", params={"soft": True, "version": 2})
    assert soft.json()["soft"] is True
    problem(client.get("/v1/units/api-cycle"), 404)
    hard = client.delete("/v1/units/api-cycle").json()
    assert (hard["id"], hard["soft"]) == ("api-cycle", False)
    problem(client.delete("/v1/units/api-cycle"), 404)


def test_loadout_mounts_clone_diff_and_put(client: TestClient) -> None:
    clone = client.post(f"/v1/loadouts/{STOCK}/clone", json={"new_id": "api-variant", "name": "V"})
    assert clone.status_code == 201, clone.text
    assert clone.json()["derived_from"] == STOCK
    version = clone.json()["version"]

    mount = client.post(
        "/v1/loadouts/api-variant/mounts",
        json={"equipment_id": "medium-laser", "location": "HEAD", "version": version},
    )
    assert mount.status_code == 201, mount.text
    mount_id = mount.json()["mount_id"]
    diff = client.get(f"/v1/loadouts/{STOCK}/diff/api-variant").json()
    assert [m["mount_id"] for m in diff["added"]] == [mount_id]
    assert diff["removed"] == []

    problem(client.post("/v1/loadouts/api-variant/mounts", json={"equipment_id": "medium-laser",
             "location": "HEAD", "version": version}), 409)  # fmt: skip
    assert client.delete(f"/v1/loadouts/api-variant/mounts/{mount_id}").status_code == 204
    problem(client.delete(f"/v1/loadouts/api-variant/mounts/{mount_id}"), 404)

    replaced = client.put(
        "/v1/loadouts/api-variant",
        json={
            "name": "Laser boat",
            "mounts": [{"equipment_id": "medium-laser", "location": "LEFT_ARM"}] * 2,
        },
    )
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["name"] == "Laser boat"
    assert [m["location"] for m in replaced.json()["mounts"]] == ["LEFT_ARM", "LEFT_ARM"]
    patched = client.patch("/v1/loadouts/api-variant", json={"notes": "two lasers"}).json()
    assert patched["notes"] == "two lasers"
    problem(client.get("/v1/loadouts/none"), 404)


def test_validation_endpoints(client: TestClient) -> None:
    report = client.get(f"/v1/loadouts/{CONFLICTED}/validation").json()
    assert report["loadout_id"] == CONFLICTED
    assert "conflict" in {v["rule"] for v in report["violations"]}
    assert report["violations"][0]["severity"] == "error", "errors come first"

    fits = client.get(
        f"/v1/loadouts/{STOCK}/compatible-equipment", params={"location": "LEFT_TORSO"}
    )
    assert fits.status_code == 200
    assert all(item["compatible"] for item in fits.json())
    everything = client.get(
        f"/v1/loadouts/{STOCK}/compatible-equipment",
        params={"location": "LEFT_TORSO", "include_excluded": True},
    ).json()
    assert len(everything) > len(fits.json())
    assert all(item["violations"] for item in everything if not item["compatible"])
    problem(
        client.get(f"/v1/loadouts/{STOCK}/compatible-equipment", params={"location": "TAIL"}), 422
    )
    problem(client.get("/v1/loadouts/nope/compatible-equipment", params={"location": "HEAD"}), 404)

    batch = client.post("/v1/validation/batch", json={"worst": 3}).json()
    assert batch["summary"]["loadouts"] >= 12
    assert batch["summary"]["by_rule"]["conflict"]["errors"] >= 1
    # counts split by cause: a conflict is the design's; together the causes are every error
    assert batch["summary"]["by_rule"]["conflict"]["by_cause"]["design"] >= 1
    assert sum(batch["summary"]["errors_by_cause"].values()) == batch["summary"]["errors"]
    assert 1 <= batch["summary"]["loadouts_with_design_errors"] <= batch["summary"]["loadouts"]
    assert {v["cause"] for v in report["violations"]} <= {"design", "source_data"}
    assert len(batch["worst"]) == 3
    assert batch["worst"][0]["errors"] >= batch["worst"][-1]["errors"]


def test_equipment_list_facets_autocomplete_and_get(client: TestClient) -> None:
    weapons = client.get("/v1/equipment", params={"is_weapon": True, "sort": "battle_value",
                                                  "descending": True}).json()  # fmt: skip
    values = [item.get("battle_value") or 0 for item in weapons["items"]]
    assert values == sorted(values, reverse=True)
    facets = client.get("/v1/equipment/facets").json()
    assert facets["total"] == sum(f["count"] for f in facets["tech_base"])
    assert {f["value"] for f in facets["tech_base"]} <= {"INNER_SPHERE", "CLAN"}
    clan = client.get("/v1/equipment/facets", params={"tech_base": "CLAN"}).json()
    assert clan["tech_base"] == [{"value": "CLAN", "count": clan["total"]}]

    suggestions = client.get("/v1/equipment/autocomplete", params={"q": "med las"}).json()
    assert suggestions
    assert all("med" in s["name"].lower() and "las" in s["name"].lower() for s in suggestions)
    assert client.get("/v1/equipment/medium-laser").json()["name"]
    problem(client.get("/v1/equipment/nope"), 404)
    problem(client.get("/v1/equipment/autocomplete"), 422)


def test_categories_stats_and_schema(client: TestClient) -> None:
    tree = client.get("/v1/categories").json()
    assert tree
    root = tree[0]
    assert root["total_count"] >= root["direct_count"]
    # An item can sit in two subcategories, so a parent counts at least each child, not the sum.
    assert all(root["total_count"] >= child["total_count"] for child in root["children"])
    stats = client.get("/v1/stats/units", params={"group_by": "tech_base"}).json()
    assert sum(group["count"] for group in stats) == client.get("/v1/units").json()["total"]
    assert all(g["tonnage_min"] <= g["tonnage_avg"] <= g["tonnage_max"] for g in stats)
    problem(client.get("/v1/stats/units", params={"group_by": "colour"}), 422)
    schema = client.get("/v1/schema").json()
    assert schema["up_to_date"] is True
    assert {m["status"] for m in schema["migrations"]} == {"applied"}
    assert len(schema["migrations"]) == Migrator(client.app.state.graph).scripts().latest_version  # type: ignore[attr-defined]


def test_library_and_http_filters_agree(client: TestClient, demo_graph: Graph) -> None:
    filters: dict[str, Any] = {"tech_base": "INNER_SPHERE", "tonnage_min": 50, "sort": "tonnage"}
    library = GraphStore(demo_graph).list_units(**filters)
    http = client.get("/v1/units", params=filters).json()
    assert http["total"] == library.total
    assert [u["id"] for u in http["items"]] == [u.id for u in library.items]


def test_writes_need_the_api_key_when_one_is_set(demo_graph: Graph) -> None:
    app = create_app(demo_graph, ApiSettings(api_key="s3cret"))
    with TestClient(app) as secured:
        assert secured.get("/v1/units/hunchback-hbk-4g").status_code == 200, "reads stay open"
        refused = secured.post("/v1/units", json=new_unit("needs-key"))
        assert problem(refused, 401)["detail"].startswith("this request needs")
        assert refused.headers["www-authenticate"] == "Bearer"
        wrong_key = {"Authorization": "Bearer nope"}
        problem(secured.post("/v1/units", json=new_unit("needs-key"), headers=wrong_key), 401)
        key = {"Authorization": "Bearer s3cret"}
        assert secured.post("/v1/units", json=new_unit("needs-key"), headers=key).status_code == 201
        assert secured.delete("/v1/units/needs-key", headers=key).status_code == 200


def test_request_bodies_are_size_limited(demo_graph: Graph) -> None:
    app = create_app(demo_graph, ApiSettings(max_body_bytes=1000))
    with TestClient(app) as small:
        body = new_unit("huge") | {"source": "x" * 5000}
        assert problem(small.post("/v1/units", json=body), 413)["detail"].endswith("1000 bytes")


@pytest.mark.parametrize(("origins", "allowed"), [("https://app.example", True), ("", False)])
def test_cors_is_configurable(demo_graph: Graph, origins: str, allowed: bool) -> None:
    app = create_app(demo_graph, ApiSettings(cors_origins=origins))
    with TestClient(app) as cors:
        response = cors.options(
            "/v1/units",
            headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"},
        )
    granted = response.headers.get("access-control-allow-origin") == "https://app.example"
    assert granted is allowed


def test_restricted_deletes_are_409_with_blockers_until_forced(client: TestClient) -> None:
    category = client.post("/v1/categories", json={"id": "api-gadgets", "name": "Gadgets"})
    assert category.status_code == 201, category.text
    gadget = {"id": "api-gadget", "name": "Gadget", "tech_base": "INNER_SPHERE",
              "rules_level": "STANDARD", "tonnage": 1, "category_ids": ["api-gadgets"]}  # fmt: skip
    assert client.post("/v1/equipment", json=gadget).status_code == 201
    host = client.post(f"/v1/loadouts/{STOCK}/clone", json={"new_id": "api-gadget-host"})
    assert host.status_code == 201
    mount = client.post(
        "/v1/loadouts/api-gadget-host/mounts",
        json={"equipment_id": "api-gadget", "location": "HEAD"},
    )
    assert mount.status_code == 201

    refused = problem(client.delete("/v1/equipment/api-gadget"), 409)
    assert refused["blockers"], "the body names what blocks the delete"
    assert problem(client.delete("/v1/categories/api-gadgets"), 409)["blockers"]

    patched = client.patch(
        "/v1/equipment/api-gadget", json={"heat": 2}, headers={"If-Match": '"1"'}
    )
    assert patched.json()["version"] == 2
    forced = client.delete("/v1/equipment/api-gadget", params={"force": True}).json()
    assert forced["detached"], "force reports the mounts it removed"
    remaining = client.get("/v1/loadouts/api-gadget-host").json().get("mounts", [])
    assert all(m["equipment_id"] != "api-gadget" for m in remaining)
    assert client.delete("/v1/categories/api-gadgets").status_code == 200, "no members left"
