"""Keys, roles and tenants over HTTP: 401, 403 and 404 as docs/tenants.md states them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph
from graphstore.importer.graph_hash import graph_hash
from graphstore.tenancy.keys import create_key, revoke_key
from tests.api.helpers import new_unit, problem
from tests.tenancy.conftest import Tenants

PLATFORM = {"Authorization": "Bearer the-platform-key"}


@pytest.fixture
def client(tenants: Tenants) -> Iterator[TestClient]:
    settings = ApiSettings(api_key="the-platform-key", anonymous_reads=False)
    with TestClient(create_app(tenants.platform.graph, settings)) as client:
        yield client


def bearer(graph: Graph, tenant: str, role: str, **extra: object) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_key(graph, tenant, {'role': role, **extra}).secret}"}


def test_each_role_may_do_its_own_and_no_more(client: TestClient, tenants: Tenants) -> None:
    graph = tenants.platform.graph
    reader, editor, admin = (bearer(graph, "guild-a", r) for r in ("reader", "editor", "admin"))
    assert client.post("/v1/units", json=new_unit("a-1"), headers=editor).status_code == 201
    assert client.get("/v1/units/a-1", headers=reader).status_code == 200
    batch = client.post("/v1/validation/batch", json={}, headers=reader)
    assert batch.status_code == 200, "a batch validation only reads"
    refused = problem(client.post("/v1/units", json=new_unit("a-2"), headers=reader), 403)
    assert "reader key may not write" in refused["detail"]
    problem(client.get("/v1/tenant/keys", headers=editor), 403)
    assert client.get("/v1/tenant/keys", headers=admin).status_code == 200
    problem(client.post("/v1/tenants", json={"id": "sneaky"}, headers=admin), 403)
    problem(client.post("/v1/explore/query", json={"cypher": "RETURN 1"}, headers=admin), 403)
    usage = client.get("/v1/tenant/usage", headers=reader).json()
    assert (usage["tenant"], usage["units"], usage["writes_24h"]) == ("guild-a", 1, 1)
    change = tenants.a.history("a-1")[0]
    assert change.tenant == "guild-a"
    assert change.key_id is not None
    assert editor["Authorization"].startswith(f"Bearer gsk_{change.key_id}_")
    version = tenants.a.units.versions("a-1").items[0]
    assert version.number == 1


def test_another_tenants_ids_are_404_and_its_items_cannot_be_mounted(
    client: TestClient, tenants: Tenants
) -> None:
    graph = tenants.platform.graph
    a, b = bearer(graph, "guild-a", "editor"), bearer(graph, "guild-b", "editor")
    client.post("/v1/units", json=new_unit("a-mech"), headers=a)
    item = {
        "id": "a-gun",
        "name": "A Gun",
        "tech_base": "INNER_SPHERE",
        "rules_level": "STANDARD",
        "tonnage": 1,
        "crit_slots": 1,
    }
    assert client.post("/v1/equipment", json=item, headers=a).status_code == 201
    missing = problem(client.get("/v1/units/a-mech", headers=b), 404)
    never = problem(client.get("/v1/units/never-was", headers=b), 404)
    assert missing["detail"].replace("a-mech", "X") == never["detail"].replace("never-was", "X")
    problem(client.patch("/v1/units/a-mech", json={"battle_value": 1}, headers=b), 404)
    problem(client.get("/v1/equipment/a-gun", headers=b), 404)
    client.post("/v1/units", json=new_unit("b-mech"), headers=b)
    before = graph_hash(graph)
    body = {
        "unit_id": "b-mech",
        "name": "Raid",
        "mounts": [{"equipment_id": "a-gun", "location": "RIGHT_ARM"}],
    }
    refused = problem(client.post("/v1/loadouts", json=body, headers=b), 404)
    assert refused["detail"] == "no equipment 'a-gun'"
    assert graph_hash(graph) == before


@pytest.mark.parametrize(
    "header",
    [
        b"Bearer nope",
        b"Bearer gsk_0123456789abcdef_" + b"x" * 43,
        b"Basic abc",
        b"Bearer",
        "Bearer s\u00e9".encode(),
        b"Bearer \xff",
    ],
)
def test_a_bad_key_is_401_never_5xx(client: TestClient, header: bytes) -> None:
    response = client.get("/v1/units", headers={"Authorization": header})
    assert problem(response, 401)["detail"].startswith("this request needs")
    assert response.headers["www-authenticate"] == "Bearer"


def test_revoked_and_expired_keys_and_anonymous_reads_are_401(
    client: TestClient, tenants: Tenants
) -> None:
    graph = tenants.platform.graph
    made = create_key(graph, "guild-a", {"role": "reader"})
    soon = datetime.now(UTC) + timedelta(seconds=1)
    expired = bearer(graph, "guild-a", "reader", expires_at=soon)
    time.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 0.1)
    assert "expired" in problem(client.get("/v1/units", headers=expired), 401)["detail"]
    revoke_key(graph, "guild-a", made.id)
    revoked = {"Authorization": f"Bearer {made.secret}"}
    assert "revoked" in problem(client.get("/v1/units", headers=revoked), 401)["detail"]
    problem(client.get("/v1/units"), 401)
    assert client.get("/health").status_code == 200, "health stays open"


def test_the_platform_key_acts_in_the_tenant_it_names(client: TestClient, tenants: Tenants) -> None:
    tenants.a.units.create(new_unit("a-owned"))
    as_a = {**PLATFORM, "X-Graphstore-Tenant": "guild-a"}
    assert client.get("/v1/units/a-owned", headers=as_a).status_code == 200
    problem(client.get("/v1/units/a-owned", headers=PLATFORM), 404)
    problem(client.get("/v1/units", headers={**PLATFORM, "X-Graphstore-Tenant": "nobody"}), 404)
    problem(client.get("/v1/units", headers={**PLATFORM, "X-Graphstore-Tenant": "Bad Id"}), 400)
    made = client.post("/v1/tenants", json={"id": "guild-c"}, headers=PLATFORM)
    assert made.status_code == 201
    problem(client.post("/v1/tenants", json={"id": "guild-c"}, headers=PLATFORM), 409)
    problem(client.delete("/v1/tenants/guild-a", headers=PLATFORM), 409)
    gone = client.delete("/v1/tenants/guild-a?with_data=true", headers=PLATFORM)
    assert gone.json() == {"units": 1, "custom_items": 0}
    assert tenants.platform.units.exists("a-owned") is False


def test_a_quota_is_a_403_naming_it_and_nothing_is_written(
    client: TestClient, tenants: Tenants
) -> None:
    editor = bearer(tenants.platform.graph, "guild-a", "editor")
    set_to = client.put(
        "/v1/tenants/guild-a/quotas", json={"max_units": 1}, headers=PLATFORM
    ).json()
    assert set_to["max_units"] == 1
    assert client.post("/v1/units", json=new_unit("q-1"), headers=editor).status_code == 201
    before = graph_hash(tenants.platform.graph)
    over = problem(client.post("/v1/units", json=new_unit("q-2"), headers=editor), 403)
    assert over["quota"] == "max_units"
    copy = client.post("/v1/units/atlas-as7-d/copy", json={"new_id": "q-3"}, headers=editor)
    assert problem(copy, 403)["quota"] == "max_units"
    assert graph_hash(tenants.platform.graph) == before
