"""What a hostile pass over the API found (issue #31's table), each row as a case that failed
before its fix. Rows covered elsewhere: 1, 6, 7, 8 (tests/explore), 2 (tests/tenancy/
test_attacker_matrix.py), 9 (tests/backup/test_restore_gate.py), 10 (tests/store/
test_check_cli.py and tests/rules/test_cli_validate.py), 14 (tests/backup/test_cli.py),
18 (tests/api/test_slow_clients.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph, GraphStore, graph_hash
from graphstore.instants import INSTANT_SCHEMA_MARK
from graphstore.store.listing import Cursor
from testkit.served_api import Server
from tests.api.helpers import new_unit, problem

KEY = "the-platform-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
BAD_TIMES = [
    "2000-01-01T00:00:00+18:01",
    "2000-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+14:00",
    "2030-01-01T00:00:00",  # no offset: which instant is it?
]


@pytest.fixture(scope="module")
def secured(demo_graph: Graph) -> Iterator[TestClient]:
    with TestClient(create_app(demo_graph, ApiSettings(api_key=KEY))) as client:
        yield client


@pytest.fixture(scope="module")
def closed(demo_graph: Graph) -> Iterator[TestClient]:
    settings = ApiSettings(api_key=KEY, anonymous_reads=False)
    with TestClient(create_app(demo_graph, settings)) as client:
        yield client


# ---- rows 4, 5, 16: times ----------------------------------------------------------------


@pytest.mark.parametrize("when", [*BAD_TIMES, "2001-01-01T00:00:00Z"])
def test_a_key_expiring_at_a_bad_or_past_time_is_422_and_never_written(
    secured: TestClient, when: str
) -> None:
    before = [k["id"] for k in secured.get("/v1/tenant/keys", headers=AUTH).json()]
    refused = secured.post(
        "/v1/tenant/keys", json={"role": "reader", "expires_at": when}, headers=AUTH
    )
    problem(refused, 422)
    after = [k["id"] for k in secured.get("/v1/tenant/keys", headers=AUTH).json()]
    assert after == before


def test_a_key_expiry_at_the_widest_offset_is_stored_in_utc(secured: TestClient) -> None:
    later = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    sent = later.astimezone(timezone(timedelta(hours=18))).isoformat()
    assert sent.endswith("+18:00")
    made = secured.post(
        "/v1/tenant/keys", json={"role": "reader", "expires_at": sent}, headers=AUTH
    )
    assert made.status_code == 201, made.text
    stored = made.json()["expires_at"]
    assert datetime.fromisoformat(stored) == later
    assert stored.endswith(("Z", "+00:00"))


@pytest.mark.parametrize("when", BAD_TIMES)
@pytest.mark.parametrize(
    "path",
    [
        "/v1/units/hunchback-hbk-4g",
        "/v1/loadouts/hunchback-hbk-4g.stock",
        "/v1/equipment/medium-laser/mounted-in",
    ],
)
def test_as_of_at_a_time_the_engine_cannot_hold_is_422(
    secured: TestClient, path: str, when: str
) -> None:
    problem(secured.get(path, params={"as_of": when}), 422)


def _inputs(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every input schema of the document: parameters, and request bodies' fields."""
    schemas = spec["components"]["schemas"]

    def walk(where: str, schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
        if "$ref" in schema:
            yield from walk(where, schemas[schema["$ref"].rsplit("/", 1)[1]])
            return
        yield where, schema
        for key in ("anyOf", "oneOf", "allOf"):
            for index, option in enumerate(schema.get(key, [])):
                yield from walk(f"{where}|{index}", option)
        for name, field in schema.get("properties", {}).items():
            yield from walk(f"{where}.{name}", field)
        if isinstance(schema.get("items"), dict):
            yield from walk(f"{where}[]", schema["items"])

    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                yield from walk(f"{method} {path} {parameter['name']}", parameter["schema"])
            body = operation.get("requestBody", {}).get("content", {})
            for media in body.values():
                yield from walk(f"{method} {path} body", media["schema"])


def test_every_time_the_api_takes_is_an_instant(secured: TestClient) -> None:
    spec = secured.app.openapi()  # type: ignore[attr-defined]
    times = [
        (where, schema) for where, schema in _inputs(spec) if schema.get("format") == "date-time"
    ]
    assert len(times) >= 4, "as_of on three routes, and a key's expiry"
    assert [where for where, schema in times if INSTANT_SCHEMA_MARK not in schema] == []


# ---- row 3: soft-deleted data and its history ---------------------------------------------


def test_a_deleted_units_history_is_hidden_as_the_unit_is(secured: TestClient) -> None:
    assert secured.post("/v1/units", json=new_unit("ghost-mech"), headers=AUTH).status_code == 201
    now = datetime.now(UTC).isoformat()
    reads = [
        ("/v1/units/ghost-mech/versions", {}),
        ("/v1/units/ghost-mech/versions/1", {}),
        ("/v1/units/ghost-mech/diff", {"from": 1, "to": 1}),
        ("/v1/units/ghost-mech", {"as_of": now}),
    ]
    for path, params in reads:
        assert secured.get(path, params=params).status_code == 200, path
    deleted = secured.delete("/v1/units/ghost-mech", params={"soft": True}, headers=AUTH)
    assert deleted.is_success
    for path, params in reads:
        problem(secured.get(path, params=params), 404)
        asked = {**params, "include_deleted": "true"}
        problem(secured.get(path, params=asked), 401)
        shown = secured.get(path, params=asked, headers=AUTH)
        assert shown.status_code == 200, (path, shown.text)
    assert secured.delete("/v1/units/ghost-mech", headers=AUTH).is_success


# ---- rows 11, 12: change notes, merges and branches -----------------------------------


@pytest.mark.parametrize("note", ["\x1b[31mred", "abc\u202edcb", "a\x00b"])
def test_a_change_note_follows_the_text_policy(
    secured: TestClient, demo_graph: Graph, note: str
) -> None:
    before = graph_hash(demo_graph)
    body = {"battle_value": 1, "change_note": note}
    problem(secured.patch("/v1/units/hunchback-hbk-4g", json=body, headers=AUTH), 422)
    header = {**AUTH, "X-Change-Note": note.encode("utf-8")}
    refused = secured.patch("/v1/units/hunchback-hbk-4g", json={"battle_value": 1}, headers=header)
    assert refused.status_code in (400, 422), refused.text
    assert graph_hash(demo_graph) == before


def test_a_change_note_header_is_read_as_utf8(demo_graph: Graph) -> None:
    # Over a real socket: the in-process test client re-encodes header bytes.
    with Server(demo_graph, ApiSettings(api_key=KEY)) as server, server.client() as client:
        header = {**AUTH, "X-Change-Note": "café".encode()}
        changed = client.patch("/v1/units/hunchback-hbk-4g", json={"year": 3026}, headers=header)
        assert changed.status_code == 200, changed.text
        newest = GraphStore(demo_graph).units.versions("hunchback-hbk-4g").items[0]
        assert newest.note == "café"
        latin = {**AUTH, "X-Change-Note": b"caf\xe9"}
        refused = client.patch("/v1/units/hunchback-hbk-4g", json={"year": 3025}, headers=latin)
        assert "must be UTF-8" in problem(refused, 422)["detail"]


def test_a_merge_into_itself_is_422_and_a_deleted_source_404(secured: TestClient) -> None:
    stock = "hunchback-hbk-4g.stock"
    itself = secured.post(f"/v1/loadouts/{stock}/merge", json={"from": stock}, headers=AUTH)
    assert "into itself" in problem(itself, 422)["errors"][0]["msg"]
    problem(secured.get(f"/v1/loadouts/{stock}/merge-preview", params={"from": stock}), 422)
    branched = secured.post(
        f"/v1/loadouts/{stock}/branch", json={"new_id": "hbk-gone"}, headers=AUTH
    )
    assert branched.status_code == 201, branched.text
    gone = secured.delete("/v1/loadouts/hbk-gone", params={"soft": True}, headers=AUTH)
    assert gone.is_success
    problem(secured.get("/v1/loadouts/hbk-gone"), 404)
    problem(
        secured.post(f"/v1/loadouts/{stock}/merge", json={"from": "hbk-gone"}, headers=AUTH), 404
    )
    problem(secured.get(f"/v1/loadouts/{stock}/merge-preview", params={"from": "hbk-gone"}), 404)
    again = secured.post("/v1/loadouts/hbk-gone/branch", json={"new_id": "hbk-2"}, headers=AUTH)
    problem(again, 404)
    assert secured.delete("/v1/loadouts/hbk-gone", headers=AUTH).is_success


# ---- row 13: counts over every tenant -------------------------------------------------


@pytest.mark.parametrize("path", ["/health/details", "/metrics"])
def test_operator_views_need_a_key_when_anonymous_reads_are_off(
    closed: TestClient, secured: TestClient, path: str
) -> None:
    problem(closed.get(path), 401)
    assert closed.get(path, headers=AUTH).status_code == 200
    assert secured.get(path).status_code == 200, "anonymous reads on: as before"
    assert closed.get("/health").status_code == 200, "liveness stays open for probes"


# ---- row 15: cursors ------------------------------------------------------------------


def test_a_changed_cursor_is_refused(secured: TestClient) -> None:
    first = secured.get("/v1/units", params={"page_size": 2}).json()
    cursor = first["next_cursor"]
    assert secured.get("/v1/units", params={"page_size": 2, "cursor": cursor}).status_code == 200
    decoded = Cursor.decode(cursor)
    for total in (-5, 2**70):
        forged = Cursor.model_validate({**decoded.model_dump(), "total": total})
        body, _, signature = forged.encode().partition(".")
        reused = f"{body}.{cursor.partition('.')[2]}"  # the old signature on the new body
        answer = secured.get("/v1/units", params={"page_size": 2, "cursor": reused})
        problem(answer, 422)
        assert signature != cursor.partition(".")[2]


# ---- row 17: a tenant made a moment ago ---------------------------------------------


def test_a_tenant_created_after_a_miss_is_found_at_once(secured: TestClient) -> None:
    asked = {**AUTH, "X-Graphstore-Tenant": "late-guild"}
    problem(secured.get("/v1/units", headers=asked), 404)
    assert secured.post("/v1/tenants", json={"id": "late-guild"}, headers=AUTH).status_code == 201
    assert secured.get("/v1/units", headers=asked).status_code == 200
    assert secured.delete("/v1/tenants/late-guild", headers=AUTH).is_success
