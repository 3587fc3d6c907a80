"""POST /v1/bulk as a client (and an attacker) would use it: results per operation, bad
input reported where it is and nothing else lost, all-or-nothing batches, tenants, roles and
quotas per operation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphstore.importer.graph_hash import graph_hash
from graphstore.store.bulk import MAX_OPERATIONS
from graphstore.tenancy.tenants import set_quotas
from tests.api.helpers import new_unit, problem
from tests.tenancy.conftest import Tenants
from tests.tenancy.conftest import tenants as tenants  # the fixture
from tests.tenancy.test_http import bearer
from tests.tenancy.test_http import client as client  # the fixture: the API with keys

NDJSON = {"Content-Type": "application/x-ndjson"}


@pytest.fixture
def editor(tenants: Tenants) -> dict[str, str]:
    return bearer(tenants.platform.graph, "guild-a", "editor")


def patch(unit_id: str, **body: Any) -> dict[str, Any]:
    return {"op": "patch", "kind": "units", "id": unit_id, "body": body}


def statuses(response: Any) -> list[int]:
    assert response.status_code == 200, response.text
    return [r["status"] for r in response.json()["results"]]


def test_creates_patches_and_deletes_each_answer(
    client: TestClient, tenants: Tenants, editor: dict[str, str]
) -> None:
    tenants.a.units.create(new_unit("old-1"))
    tenants.a.units.create(new_unit("old-2"))
    tenants.a.units.create(new_unit("old-3"))
    body = [
        {"op": "create", "kind": "units", "body": new_unit("a-1")},
        {"op": "create", "kind": "units", "id": "a-2", "body": new_unit("a-2")},
        patch("old-1", role="scout"),
        {**patch("old-2", role="brawler"), "expected_version": 1},
        {
            "op": "create",
            "kind": "loadouts",
            "body": {"id": "a-1.l", "unit_id": "a-1", "name": "L"},
        },
        {"op": "patch", "kind": "units", "id": "a-2", "body": {"role": "late"}},
        {"op": "delete", "kind": "units", "id": "old-3", "soft": True},
    ]
    response = client.post("/v1/bulk", json=body, headers=editor)
    assert statuses(response) == [201, 201, 200, 200, 201, 422, 200]
    answer = response.json()
    assert (answer["committed"], answer["succeeded"], answer["failed"]) == (True, 6, 1)
    assert "named twice" in answer["results"][5]["problem"]["errors"][0]["msg"]
    assert [(r["id"], r["version"]) for r in answer["results"][:4]] == [
        ("a-1", 1),
        ("a-2", 1),
        ("old-1", 2),
        ("old-2", 2),
    ]
    assert tenants.a.units.get("old-1").role == "scout"
    assert tenants.a.units.get("a-2").role is None
    assert tenants.a.loadouts.get("a-1.l").unit_id == "a-1"
    assert tenants.a.units.get("old-3", include_deleted=True).deleted_at is not None
    change = tenants.a.history("old-1")[0]
    assert (change.operation, change.source, change.tenant) == ("update", "api", "guild-a")
    assert change.key_id is not None
    assert [v.number for v in tenants.a.units.versions("old-1").items] == [2, 1]


def test_bad_operations_are_reported_and_the_others_land(
    client: TestClient, tenants: Tenants, editor: dict[str, str]
) -> None:
    tenants.a.units.create(new_unit("mine"))
    tenants.b.units.create(new_unit("theirs"))
    tenants.a.units.create(new_unit("stale"))
    tenants.a.units.create(new_unit("typed"))
    body = [
        patch("mine", role="ok"),
        patch("mine", role="again"),  # the same entity twice
        patch("theirs", role="x"),  # another tenant's
        patch("never-was", role="x"),
        {**patch("stale", role="x"), "expected_version": 9},
        patch("typed", tonnage="heavy"),
        patch("atlas-as7-d", role="x"),  # the shared template
        {"op": "upsert", "kind": "units", "id": "x"},
        {"op": "patch", "kind": "units", "id": "x", "body": {"role": "x"}, "extra": 1},
        {"op": "create", "kind": "units", "body": new_unit("mine")},  # taken
        {"op": "delete", "kind": "units"},
        17,
    ]
    before_theirs = graph_hash(tenants.platform.graph)
    found = client.post("/v1/bulk", json=body, headers=editor)
    assert statuses(found) == [200, 422, 404, 404, 409, 422, 403, 422, 422, 422, 422, 422]
    results = found.json()["results"]
    other, never = results[2]["problem"], results[3]["problem"]
    assert other["detail"].replace("theirs", "X") == never["detail"].replace("never-was", "X")
    assert results[4]["problem"]["current_version"] == 1
    assert results[5]["problem"]["errors"][0]["loc"] == ["[5]", "body", "tonnage"]
    assert all(r["problem"]["type"] == "about:blank" for r in results[1:])
    assert tenants.a.units.get("mine").role == "ok"
    assert tenants.a.units.get("stale").version == 1
    assert tenants.b.units.get("theirs").version == 1
    assert before_theirs != graph_hash(tenants.platform.graph)  # "mine" changed, only it
    assert len(tenants.a.history("stale")) == 1
    assert tenants.a.units.get("typed").version == 1


def test_an_atomic_batch_writes_all_or_nothing(
    client: TestClient, tenants: Tenants, editor: dict[str, str]
) -> None:
    tenants.a.units.create(new_unit("kept"))
    before = graph_hash(tenants.platform.graph)
    body = [
        {"op": "create", "kind": "units", "body": new_unit("fresh")},
        patch("kept", role="x"),
        {**patch("kept-too", role="x")},
    ]
    failed = client.post("/v1/bulk", params={"atomic": "true"}, json=body, headers=editor)
    assert statuses(failed) == [424, 424, 404]
    assert failed.json()["committed"] is False
    assert graph_hash(tenants.platform.graph) == before
    ok = client.post("/v1/bulk", params={"atomic": "true"}, json=body[:2], headers=editor)
    assert statuses(ok) == [201, 200]
    assert tenants.a.units.get("kept").role == "x"
    invalid = client.post(
        "/v1/bulk", params={"atomic": "true"}, json=[patch("kept", tonnage=-1)], headers=editor
    )
    assert statuses(invalid) == [422]
    assert tenants.a.units.get("kept").version == 2


def test_ndjson_lines_stand_alone(
    client: TestClient, tenants: Tenants, editor: dict[str, str]
) -> None:
    tenants.a.units.create(new_unit("line"))
    lines = [json.dumps(patch("line", role="a")), "{not json", "[1, 2]", "", json.dumps(patch("x"))]
    found = client.post("/v1/bulk", content="\n".join(lines), headers={**editor, **NDJSON})
    assert statuses(found) == [200, 422, 422, 422]
    assert "line 2" in json.dumps(found.json()["results"][1]["problem"])
    assert tenants.a.units.get("line").role == "a"


def test_a_bad_envelope_is_refused_whole(
    client: TestClient, tenants: Tenants, editor: dict[str, str]
) -> None:
    before = graph_hash(tenants.platform.graph)
    problem(client.post("/v1/bulk", content="{oops", headers=editor), 422)
    problem(client.post("/v1/bulk", json={"op": "create"}, headers=editor), 422)
    problem(client.post("/v1/bulk", content=b"\xff\xfe", headers=editor), 422)
    many = [patch(f"u{i}", role="x") for i in range(MAX_OPERATIONS + 1)]
    too_many = problem(client.post("/v1/bulk", content=json.dumps(many), headers=editor), 422)
    assert str(MAX_OPERATIONS) in json.dumps(too_many)
    huge = client.post("/v1/bulk", content=b"[" + b" " * 2_000_000 + b"]", headers=editor)
    problem(huge, 413)
    assert graph_hash(tenants.platform.graph) == before


def test_roles_and_quotas_apply_per_operation(
    client: TestClient, tenants: Tenants, editor: dict[str, str]
) -> None:
    graph = tenants.platform.graph
    reader = bearer(graph, "guild-a", "reader")
    problem(client.post("/v1/bulk", json=[patch("x", role="y")], headers=reader), 403)
    set_quotas(graph, "guild-a", {"max_units": 2})
    body = [{"op": "create", "kind": "units", "body": new_unit(f"q-{i}")} for i in range(3)]
    found = client.post("/v1/bulk", json=body, headers=editor)
    assert statuses(found) == [201, 201, 403]
    assert found.json()["results"][2]["problem"]["quota"] == "max_units"
    assert tenants.a.units.exists("q-1")
    assert not tenants.a.units.exists("q-2", include_deleted=True)


def test_a_retry_with_the_same_key_answers_the_first_send(
    client: TestClient, tenants: Tenants, editor: dict[str, str]
) -> None:
    tenants.a.units.create(new_unit("once"))
    body = [patch("once", role="first"), {"op": "create", "kind": "units", "body": new_unit("n1")}]
    key = {**editor, "Idempotency-Key": "retry-1"}
    first = client.post("/v1/bulk", json=body, headers=key)
    again = client.post("/v1/bulk", json=body, headers=key)
    assert statuses(first) == [200, 201]
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert tenants.a.units.get("once").version == 2  # written once
    assert len(tenants.a.history("n1")) == 1
    other_body = problem(client.post("/v1/bulk", json=body[:1], headers=key), 422)
    assert "another request" in json.dumps(other_body)
    atomic = problem(
        client.post("/v1/bulk", params={"atomic": "true"}, json=body, headers=key), 422
    )
    assert "another request" in json.dumps(atomic)
    # Another tenant's key of the same name is its own.
    b = bearer(tenants.platform.graph, "guild-b", "editor")
    tenants.b.units.create(new_unit("b-once"))
    theirs = client.post(
        "/v1/bulk", json=[patch("b-once", role="b")], headers={**b, "Idempotency-Key": "retry-1"}
    )
    assert statuses(theirs) == [200]
    assert "Idempotent-Replayed" not in theirs.headers


def test_a_request_that_failed_gives_its_key_up(
    client: TestClient, tenants: Tenants, editor: dict[str, str]
) -> None:
    key = {**editor, "Idempotency-Key": "bad-then-good"}
    problem(client.post("/v1/bulk", content="{oops", headers=key), 422)
    problem(client.post("/v1/bulk", content="{oops", headers=key), 422)  # ran again
    problem(client.post("/v1/bulk", json=[], headers={**editor, "Idempotency-Key": ""}), 422)
    long_key = {**editor, "Idempotency-Key": "k" * 256}
    problem(client.post("/v1/bulk", json=[], headers=long_key), 422)
