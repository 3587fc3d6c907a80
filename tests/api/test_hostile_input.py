"""Bad input, as a hostile client sends it: each is a clear 4xx problem (never a 5xx), and a
refused request changes nothing (docs/api.md, "Input policy")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from limits import parse

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph, graph_hash
from graphstore.store.listing import MAX_PAGE
from graphstore.store.models import NAME_MAX
from tests.api.helpers import new_unit, problem

STOCK = "hunchback-hbk-4g.stock"
KEY = "s3cret-\u00e9\u00e8"  # a non-ASCII key works like any other
AUTH = {"Authorization": b"Bearer " + KEY.encode()}


@pytest.fixture(scope="module")
def secured(demo_graph: Graph) -> Iterator[TestClient]:
    app = create_app(demo_graph, ApiSettings(api_key=KEY))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


# ---- integers and pages -----------------------------------------------------------------


@pytest.mark.parametrize("page", [0, -1, MAX_PAGE + 1, 2**32 + 1, 2**63, 2**70])
def test_a_page_out_of_range_is_422(client: TestClient, page: int) -> None:
    body = problem(client.get("/v1/units", params={"page": page}), 422)
    assert body["errors"][0]["loc"] == ["query", "page"]


def test_a_page_past_the_end_is_empty(client: TestClient) -> None:
    page = client.get("/v1/units", params={"page": MAX_PAGE, "page_size": 200}).json()
    assert page["items"] == []
    assert page["total"] > 0


# ---- headers ----------------------------------------------------------------------------


def test_if_match_is_parsed_strictly_and_get_returns_the_etag(secured: TestClient) -> None:
    created = secured.post("/v1/units", json=new_unit("etag-probe"), headers=AUTH)
    assert created.status_code == 201, created.text
    read = secured.get("/v1/units/etag-probe")
    assert read.headers["etag"] == '"1"'
    superscript = {**AUTH, "If-Match": '"\u00b9"'.encode()}
    problem(secured.patch("/v1/units/etag-probe", json={"role": "x"}, headers=superscript), 422)
    two_tags = {**AUTH, "If-Match": '"1", "2"'}
    problem(secured.patch("/v1/units/etag-probe", json={"role": "x"}, headers=two_tags), 422)
    tagged = {**AUTH, "If-Match": read.headers["etag"]}
    assert secured.patch("/v1/units/etag-probe", json={"role": "a"}, headers=tagged).is_success
    problem(secured.patch("/v1/units/etag-probe", json={"role": "b"}, headers=tagged), 409)
    weak = {**AUTH, "If-Match": 'W/"2"'}
    assert secured.patch("/v1/units/etag-probe", json={"role": "c"}, headers=weak).is_success
    problem(secured.patch("/v1/units/etag-probe", json={"role": "x"},
                          headers={**AUTH, "If-Match": '"0"'}), 409)  # fmt: skip
    star = {**AUTH, "If-Match": "*"}
    assert secured.patch("/v1/units/etag-probe", json={"role": "d"}, headers=star).is_success
    assert secured.get("/v1/units/etag-probe").headers["etag"] == '"4"'
    assert secured.delete("/v1/units/etag-probe", headers=AUTH).is_success


@pytest.mark.parametrize(
    "authorization",
    [None, b"Bearer nope", "Bearer s\u00e9kret".encode(), b"Bearer \xff\xfe", b"Basic x", b""],
)
def test_any_wrong_authorization_is_401_never_a_crash(
    secured: TestClient, authorization: bytes | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    refused = secured.post("/v1/units", json=new_unit("auth-probe"), headers=headers)
    assert problem(refused, 401)["detail"].startswith("this request needs")
    assert refused.headers["www-authenticate"] == "Bearer"
    assert secured.get("/v1/units/auth-probe").status_code == 404


def test_auth_is_checked_before_the_body_is_parsed(secured: TestClient) -> None:
    broken = {"content-type": "application/json"}
    problem(secured.post("/v1/units", content=b'{"id": ', headers=broken), 401)
    problem(secured.post("/v1/units", content=b'{"id": ', headers={**broken, **AUTH}), 422)


# ---- strings, ids and nulls -------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "a\x00b"),
        ("id", "abc\u202e"),
        ("id", "a b"),
        ("id", "x" * 201),
        ("chassis", "Atlas\x00"),
        ("chassis", "Atlas\u202egnp.exe"),
        ("chassis", "Atlas\u2066"),
        ("model", "line\nbreak"),
        ("chassis", ""),
        ("tonnage", 2**64),
        ("tonnage", -5),
        ("year", 10_000),
        ("battle_value", 2**63),
    ],
)
def test_bad_values_are_422_and_change_nothing(
    client: TestClient, demo_graph: Graph, field: str, value: Any
) -> None:
    before = graph_hash(demo_graph)
    body = problem(client.post("/v1/units", json=new_unit("bad-probe", **{field: value})), 422)
    assert body["errors"][0]["loc"][-1] == field
    assert graph_hash(demo_graph) == before


def test_text_is_stored_in_nfc(client: TestClient) -> None:
    decomposed = "Ame\u0301lie"  # e + combining acute
    created = client.post("/v1/units", json=new_unit("nfc-probe", chassis=decomposed))
    assert created.status_code == 201, created.text
    assert client.get("/v1/units/nfc-probe").json()["chassis"] == "Am\u00e9lie"
    assert client.delete("/v1/units/nfc-probe").is_success


def test_notes_may_span_lines_but_hold_no_other_controls(client: TestClient) -> None:
    assert client.patch(f"/v1/loadouts/{STOCK}", json={"notes": "one\ntwo\tthree"}).is_success
    problem(client.patch(f"/v1/loadouts/{STOCK}", json={"notes": "bell\x07"}), 422)


@pytest.mark.parametrize("field", ["chassis", "model", "unit_type", "tonnage", "tech_base"])
def test_null_for_a_required_field_is_422_and_changes_nothing(
    client: TestClient, demo_graph: Graph, field: str
) -> None:
    before = graph_hash(demo_graph)
    body = problem(client.patch("/v1/units/hunchback-hbk-4g", json={field: None}), 422)
    assert body["errors"][0]["loc"][-1] == field
    assert "cannot be null" in body["errors"][0]["msg"]
    assert graph_hash(demo_graph) == before


def test_null_clears_an_optional_field(client: TestClient) -> None:
    assert client.post("/v1/units", json=new_unit("null-probe", role="Brawler")).is_success
    assert client.patch("/v1/units/null-probe", json={"role": None}).is_success
    assert "role" not in client.get("/v1/units/null-probe").json()
    assert client.delete("/v1/units/null-probe").is_success


def test_clone_validates_its_input_and_fits_the_copy_name(client: TestClient) -> None:
    problem(client.post(f"/v1/loadouts/{STOCK}/clone", json={"new_id": "a b"}), 422)
    problem(client.post(f"/v1/loadouts/{STOCK}/clone", json={"name": "   "}), 422)
    long_name = "N" * NAME_MAX
    made = client.post(
        f"/v1/loadouts/{STOCK}/clone", json={"new_id": "long-source", "name": long_name}
    )
    assert made.status_code == 201, made.text
    copy = client.post("/v1/loadouts/long-source/clone", json={"new_id": "long-copy"})
    assert copy.status_code == 201, copy.text
    name = copy.json()["name"]
    assert len(name) <= NAME_MAX
    assert name.endswith(" (copy)")
    for loadout in ("long-copy", "long-source"):
        assert client.delete(f"/v1/loadouts/{loadout}").is_success


# ---- cost limits ------------------------------------------------------------------------


def test_a_loadout_holds_at_most_the_mount_cap(client: TestClient, demo_graph: Graph) -> None:
    from graphstore.settings import StoreLimits

    cap = StoreLimits().max_mounts_per_loadout
    mount = {"equipment_id": "medium-laser", "location": "LEFT_ARM"}
    before = graph_hash(demo_graph)
    too_many = client.put(f"/v1/loadouts/{STOCK}", json={"mounts": [mount] * (cap + 1)})
    assert "at most" in problem(too_many, 422)["errors"][0]["msg"]
    assert graph_hash(demo_graph) == before
    full = client.post(
        "/v1/loadouts",
        json={
            "id": "at-cap",
            "unit_id": "hunchback-hbk-4g",
            "name": "Full",
            "mounts": [mount] * cap,
        },
    )
    assert full.status_code == 201, full.text
    one_more = client.post("/v1/loadouts/at-cap/mounts", json=mount)
    assert "at most" in problem(one_more, 422)["errors"][0]["msg"]
    assert len(client.get("/v1/loadouts/at-cap").json()["mounts"]) == cap
    assert client.delete("/v1/loadouts/at-cap").is_success


def test_expensive_routes_are_rate_limited_per_key_else_per_address(demo_graph: Graph) -> None:
    settings = ApiSettings(
        api_key=KEY, expensive_rate_limit="3/minute", anonymous_rate_limit="2/minute"
    )
    with TestClient(create_app(demo_graph, settings)) as client:
        url = f"/v1/loadouts/{STOCK}/validation"
        assert all(client.get(url).status_code == 200 for _ in range(2))
        refused = client.get(url)
        assert problem(refused, 429)["detail"].startswith("at most 2 per 1 minute")
        assert "per client address" in problem(refused, 429)["detail"]
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        # A key has a budget of its own, whatever address it calls from.
        assert all(client.get(url, headers=AUTH).status_code == 200 for _ in range(3))
        keyed = problem(client.get(url, headers=AUTH), 429)
        assert keyed["detail"].startswith("at most 3 per 1 minute calls of this route per key")
        assert client.get("/v1/units/hunchback-hbk-4g").status_code == 200, "cheap reads go on"


def test_the_default_budgets_fit_a_busy_editor_and_fifty_people_on_one_address() -> None:
    defaults = ApiSettings()
    per_key, per_address = (
        parse(defaults.expensive_rate_limit),
        parse(defaults.anonymous_rate_limit),
    )
    per_second = {
        "key": per_key.amount / per_key.get_expiry(),
        "address": per_address.amount / per_address.get_expiry(),
    }
    assert per_second["key"] >= 5, "an editor validating on every change"
    assert per_second["address"] >= 50 * 2, "50 people without keys behind one proxy"


def test_batch_validation_needs_the_key(secured: TestClient) -> None:
    problem(secured.post("/v1/validation/batch", json={}), 401)
    assert secured.post("/v1/validation/batch", json={}, headers=AUTH).status_code == 200


# ---- soft-deleted data ------------------------------------------------------------------


def test_soft_deleted_data_is_for_key_holders_and_never_matches_live_filters(
    secured: TestClient,
) -> None:
    item = {
        "id": "ghost-gun",
        "name": "Ghost Gun",
        "tech_base": "INNER_SPHERE",
        "rules_level": "STANDARD",
        "tonnage": 1,
    }
    assert secured.post("/v1/equipment", json=item, headers=AUTH).status_code == 201
    loadout = {
        "id": "ghost-loadout",
        "unit_id": "hunchback-hbk-4g",
        "name": "Ghost",
        "mounts": [{"equipment_id": "ghost-gun", "location": "LEFT_ARM"}],
    }
    assert secured.post("/v1/loadouts", json=loadout, headers=AUTH).status_code == 201
    live = {"has_equipment": "ghost-gun"}
    assert [u["id"] for u in secured.get("/v1/units", params=live).json()["items"]] == [
        "hunchback-hbk-4g"
    ]
    # Mounted in a live loadout: a soft delete is restricted like a delete.
    problem(secured.delete("/v1/equipment/ghost-gun", params={"soft": True}, headers=AUTH), 409)
    soft = {"soft": True}
    assert secured.delete("/v1/loadouts/ghost-loadout", params=soft, headers=AUTH).is_success
    assert secured.delete("/v1/equipment/ghost-gun", params=soft, headers=AUTH).is_success
    assert secured.get("/v1/units", params=live).json()["items"] == []
    deleted = {"include_deleted": "true", "q": "ghost"}
    problem(secured.get("/v1/equipment", params=deleted), 401)
    problem(secured.get("/v1/equipment", params={**deleted, "include_deleted": "1"}), 401)
    shown = secured.get("/v1/equipment", params=deleted, headers=AUTH).json()["items"]
    assert [i["id"] for i in shown] == ["ghost-gun"]
    problem(secured.get("/v1/equipment/ghost-gun"), 404)
    for path in ("/v1/loadouts/ghost-loadout", "/v1/equipment/ghost-gun"):
        assert secured.delete(path, headers=AUTH).is_success


# ---- protocol ---------------------------------------------------------------------------


def test_a_chunked_body_over_the_limit_is_413(demo_graph: Graph) -> None:
    app = create_app(demo_graph, ApiSettings(max_body_bytes=1000))

    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 500

    with TestClient(app) as small:
        refused = small.post(
            "/v1/units", content=chunks(), headers={"content-type": "application/json"}
        )
        assert problem(refused, 413)["detail"].endswith("1000 bytes")
        fits = small.post("/v1/units", content=iter([b'{"id": 1}']))
        assert fits.status_code == 422, "a small chunked body still reaches the route"


@pytest.mark.parametrize(
    "path", ["/health", "/v1/units", "/v1/units/hunchback-hbk-4g", f"/v1/loadouts/{STOCK}"]
)
def test_head_answers_wherever_get_does(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers.get("etag") == got.headers.get("etag")
    assert client.head("/v1/units/nope").status_code == 404


def test_the_docs_pages_load_no_outside_assets(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "http://" not in html, page
        assert "https://" not in html, page
        assets = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(
            r"(?:url|_url): *['\"]([^'\"]+)['\"]", html
        )
        scripts = [asset for asset in assets if asset.endswith((".js", ".css"))]
        assert scripts, page
        for asset in scripts:
            assert client.get(asset).status_code == 200, asset


def test_an_empty_api_key_means_none_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="graphstore.api"):
        assert ApiSettings(api_key="  ").api_key is None
    assert "runs without a key" in caplog.text
    padded = ApiSettings(api_key=" k3y\n").api_key
    assert padded is not None
    assert padded.get_secret_value() == "k3y"


def test_refusals_in_middleware_are_counted_and_head_keeps_its_route(
    secured: TestClient,
) -> None:
    from prometheus_client import REGISTRY

    def counted(status: str, error: str) -> float:
        value = REGISTRY.get_sample_value(
            "graphstore_http_problems_total", {"status": status, "error": error}
        )
        return value or 0.0

    def heads() -> float:
        labels = {"method": "HEAD", "route": "/v1/units/{unit_id}", "status": "200"}
        return REGISTRY.get_sample_value("graphstore_http_request_seconds_count", labels) or 0.0

    before = counted("401", "KeyRequired"), heads()
    problem(secured.post("/v1/units", json=new_unit("counted-probe")), 401)
    assert secured.head("/v1/units/hunchback-hbk-4g").status_code == 200
    assert counted("401", "KeyRequired") == before[0] + 1
    assert heads() == before[1] + 1, "a HEAD is timed under its GET route"
