"""Random operations by two tenants (keys of every role, over HTTP, and the library) never
cross the line between them (docs/tenants.md, "What isolation promises").

After every step:
- no response to one tenant holds another tenant's id;
- a write by one tenant leaves every other tenant's data as it was;
- a refused operation leaves the whole graph as it was.

Each example makes two fresh tenants on one migrated graph, so no step waits for a wipe.
OPERATIONS_IN_MAKE_TEST steps run in `make test`; benchmarks/tenancy.py runs the longer one.
"""

from __future__ import annotations

import itertools
import json
import os
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph, GraphStore
from graphstore.migrations import migrate
from graphstore.tenancy.keys import create_key
from graphstore.tenancy.tenants import create_tenant, delete_tenant
from tests.api.helpers import new_unit

PLATFORM_KEY = "platform-secret"
STEPS = 50
OPERATIONS_IN_MAKE_TEST = 2_000
ROLES = ("reader", "editor", "admin")
CHANNELS = ("library", *ROLES)
SHARED_UNIT = "template-mech"
SHARED_ITEM = "shared-laser"
_fresh = itertools.count()


def _item(item_id: str) -> dict[str, Any]:
    return {
        "id": item_id,
        "name": item_id,
        "tech_base": "INNER_SPHERE",
        "rules_level": "STANDARD",
        "tonnage": 1,
        "crit_slots": 1,
    }


def _text(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _snapshot(graph: Graph) -> tuple[str, dict[str | None, str]]:
    """The whole graph as one text (its hash's input: nodes and relationships with their
    properties), and each tenant's nodes as one text, from one read of each."""
    nodes = [
        (
            r["props"].get("tenant"),
            json.dumps([sorted(r["labels"]), r["props"]], sort_keys=True, default=str),
        )
        for r in graph.read("importer/graph_nodes")
    ]
    relationships = sorted(
        _text([r["type"], r["source"], r["target"], r["props"]])
        for r in graph.read("importer/graph_relationships")
    )
    whole = "\n".join(sorted(text for _, text in nodes) + relationships)
    owned: dict[str | None, list[str]] = {}
    for tenant, text in nodes:
        owned.setdefault(tenant, []).append(text)
    return whole, {tenant: "\n".join(sorted(texts)) for tenant, texts in owned.items()}


class TenantIsolation(RuleBasedStateMachine):
    graph: Graph
    client: TestClient
    steps_run = 0
    refused = 0

    previous: list[str] = []

    @initialize()
    def two_tenants(self) -> None:
        # The last example's tenants go, with all they owned (and their audit trail, which
        # a tenant's delete keeps): each example's checks read a graph of its own size.
        for tenant in TenantIsolation.previous:
            delete_tenant(self.graph, tenant, with_data=True)
        self.graph.driver.execute_query(
            "MATCH (c:Change) WHERE c.tenant IN $gone DETACH DELETE c",
            gone=TenantIsolation.previous,
            database_=self.graph.database,
        )
        run = next(_fresh)
        self.tenants = TenantIsolation.previous = [f"t{run}-a", f"t{run}-b"]
        self.keys: dict[tuple[str, str], str] = {}
        self.stores: dict[str, GraphStore] = {}
        for tenant in self.tenants:
            create_tenant(self.graph, {"id": tenant})
            self.stores[tenant] = GraphStore(self.graph, tenant=tenant, actor=tenant)
            for role in ROLES:
                self.keys[tenant, role] = create_key(self.graph, tenant, {"role": role}).secret
        self.owner: dict[str, str | None] = {SHARED_UNIT: None, SHARED_ITEM: None}
        self.units: list[str] = [SHARED_UNIT]
        self.items: list[str] = [SHARED_ITEM]
        self.counter = itertools.count()
        self.last: tuple[str, int, str] | None = None  # (tenant, status, body)

    # ---- how a step runs -------------------------------------------------------------

    def _new_id(self, tenant: str, kind: str) -> str:
        return f"{tenant}-{kind}{next(self.counter)}"

    def _call(
        self, tenant: str, channel: str, method: str, path: str, body: Any = None
    ) -> tuple[int, str]:
        """The step over HTTP with the tenant's key of that role."""
        headers = {"Authorization": f"Bearer {self.keys[tenant, channel]}"}
        response = self.client.request(method, path, json=body, headers=headers)
        assert response.status_code < 500, response.text
        return response.status_code, response.text

    def _library(self, work: Any) -> tuple[int, str]:
        """The step through the library, its errors as the statuses the API gives them."""
        from graphstore.errors import (
            AlreadyExistsError,
            ForbiddenError,
            NotFoundError,
            ValidationError,
        )

        try:
            found = work()
        except NotFoundError as error:
            return 404, str(error)
        except ForbiddenError as error:
            return 403, str(error)
        except AlreadyExistsError as error:
            return 409, str(error)
        except ValidationError as error:
            return 422, str(error)
        text = found.model_dump_json() if hasattr(found, "model_dump_json") else str(found)
        return 200, text

    def _step(
        self, tenant: str, channel: str, write: bool, call: Any, library: Any
    ) -> tuple[int, str]:
        # Reads run in read transactions: only write steps are fingerprinted, before and
        # after.
        before = _snapshot(self.graph) if write else None
        status, body = library() if channel == "library" else call()
        self.last = (tenant, status, body)
        TenantIsolation.steps_run += 1
        TenantIsolation.refused += status >= 400
        if before is not None:
            whole, owned = _snapshot(self.graph)
            if status >= 400:
                assert whole == before[0], f"a refused step wrote: {body}"
            for other in self.tenants:
                if other != tenant:
                    assert owned.get(other) == before[1].get(other), (
                        f"{tenant} changed {other}'s data"
                    )
        return status, body

    def _expect_write(self, channel: str, status: int, ok: bool) -> None:
        if channel == "reader":
            assert status == 403, status
        elif ok:
            assert status in (200, 201), status

    # ---- rules -------------------------------------------------------------------------

    tenant_index = st.sampled_from([0, 1])
    channel = st.sampled_from(CHANNELS)

    @rule(t=tenant_index, channel=channel)
    def create_unit(self, t: int, channel: str) -> None:
        tenant = self.tenants[t]
        unit_id = self._new_id(tenant, "u")
        status, _ = self._step(
            tenant,
            channel,
            True,
            lambda: self._call(tenant, channel, "POST", "/v1/units", new_unit(unit_id)),
            lambda: self._library(lambda: self.stores[tenant].units.create(new_unit(unit_id))),
        )
        self._expect_write(channel, status, ok=True)
        if status < 400:
            self.owner[unit_id] = tenant
            self.units.append(unit_id)

    @rule(t=tenant_index, channel=channel, data=st.data())
    def update_unit(self, t: int, channel: str, data: st.DataObject) -> None:
        tenant = self.tenants[t]
        target = data.draw(st.sampled_from(self.units))
        patch = {"battle_value": data.draw(st.integers(0, 5000))}
        status, _ = self._step(
            tenant,
            channel,
            True,
            lambda: self._call(tenant, channel, "PATCH", f"/v1/units/{target}", patch),
            lambda: self._library(lambda: self.stores[tenant].units.update(target, patch)),
        )
        owner = self.owner[target]
        if channel != "reader":
            expected = 200 if owner == tenant else 403 if owner is None else 404
            assert status == expected, (target, owner, tenant, status)

    @rule(t=tenant_index, channel=channel, data=st.data())
    def get_unit(self, t: int, channel: str, data: st.DataObject) -> None:
        tenant = self.tenants[t]
        target = data.draw(st.sampled_from(self.units))
        status, body = self._step(
            tenant,
            channel,
            False,
            lambda: self._call(tenant, channel, "GET", f"/v1/units/{target}"),
            lambda: self._library(lambda: self.stores[tenant].units.get(target)),
        )
        if self.owner[target] in (tenant, None):
            assert status == 200
        else:  # exactly what an id that never existed gets: existence is not revealed
            assert status == 404
            assert f"Unit {target!r} does not exist" in body

    @rule(t=tenant_index, channel=channel)
    def list_units(self, t: int, channel: str) -> None:
        tenant = self.tenants[t]
        status, body = self._step(
            tenant,
            channel,
            False,
            lambda: self._call(tenant, channel, "GET", "/v1/units?page_size=200"),
            lambda: self._library(lambda: self.stores[tenant].list_units(page_size=200)),
        )
        assert status == 200
        listed = {u["id"] for u in json.loads(body)["items"]}
        own = {u for u, owner in self.owner.items() if owner == tenant and u in self.units}
        assert own <= listed

    @rule(t=tenant_index, channel=channel)
    def create_item(self, t: int, channel: str) -> None:
        tenant = self.tenants[t]
        item_id = self._new_id(tenant, "e")
        status, _ = self._step(
            tenant,
            channel,
            True,
            lambda: self._call(tenant, channel, "POST", "/v1/equipment", _item(item_id)),
            lambda: self._library(lambda: self.stores[tenant].equipment.create(_item(item_id))),
        )
        self._expect_write(channel, status, ok=True)
        if status < 400:
            self.owner[item_id] = tenant
            self.items.append(item_id)

    @rule(t=tenant_index, channel=channel, data=st.data())
    def mount(self, t: int, channel: str, data: st.DataObject) -> None:
        tenant = self.tenants[t]
        unit_id = data.draw(st.sampled_from(self.units))
        item_id = data.draw(st.sampled_from(self.items))
        body = {
            "unit_id": unit_id,
            "name": "Random",
            "mounts": [{"equipment_id": item_id, "location": "RIGHT_ARM"}],
        }
        status, _ = self._step(
            tenant,
            channel,
            True,
            lambda: self._call(tenant, channel, "POST", "/v1/loadouts", body),
            lambda: self._library(lambda: self.stores[tenant].loadouts.create(body)),
        )
        fits = self.owner[unit_id] == tenant and self.owner[item_id] in (tenant, None)
        if channel != "reader":
            assert (status < 400) is fits, (unit_id, item_id, tenant, status)
        if status < 400 and self.owner[item_id] is not None:
            assert self.owner[item_id] == tenant

    @rule(t=tenant_index, channel=channel)
    def copy_template(self, t: int, channel: str) -> None:
        tenant = self.tenants[t]
        new_id = self._new_id(tenant, "copy")
        status, _ = self._step(
            tenant,
            channel,
            True,
            lambda: self._call(
                tenant, channel, "POST", f"/v1/units/{SHARED_UNIT}/copy", {"new_id": new_id}
            ),
            lambda: self._library(lambda: self.stores[tenant].units.copy(SHARED_UNIT, new_id)),
        )
        self._expect_write(channel, status, ok=True)
        if status < 400:
            self.owner[new_id] = tenant
            self.units.append(new_id)

    @rule(t=tenant_index, channel=channel)
    def change_the_shared_catalog(self, t: int, channel: str) -> None:
        tenant = self.tenants[t]
        patch = {"heat": 99}
        status, _ = self._step(
            tenant,
            channel,
            True,
            lambda: self._call(tenant, channel, "PATCH", f"/v1/equipment/{SHARED_ITEM}", patch),
            lambda: self._library(lambda: self.stores[tenant].equipment.update(SHARED_ITEM, patch)),
        )
        assert status == 403

    @rule(t=tenant_index, channel=channel, data=st.data())
    def delete_unit(self, t: int, channel: str, data: st.DataObject) -> None:
        tenant = self.tenants[t]
        target = data.draw(st.sampled_from(self.units))
        status, _ = self._step(
            tenant,
            channel,
            True,
            lambda: self._call(tenant, channel, "DELETE", f"/v1/units/{target}?force=true"),
            lambda: self._library(lambda: self.stores[tenant].units.delete(target, force=True)),
        )
        owner = self.owner[target]
        if channel != "reader":
            assert status == (200 if owner == tenant else 403 if owner is None else 404)
        if status < 400:
            self.units.remove(target)

    @invariant()
    def no_response_names_another_tenants_data(self) -> None:
        if self.last is None or self.last[1] >= 400:
            return  # a refusal names only what was asked for (get_unit checks its words)
        tenant, _, body = self.last
        for other in self.tenants:
            if other != tenant:
                # Every id a tenant makes starts with its name (see _new_id).
                assert f'"{other}-' not in body, f"{tenant} was shown {other}'s data: {body}"


@pytest.fixture
def isolation(graph: Graph) -> type[TenantIsolation]:
    migrate(graph)
    platform = GraphStore(graph, actor="platform")
    platform.equipment.create(_item(SHARED_ITEM))
    GraphStore(graph, tenant=None, platform=True).units.create(new_unit(SHARED_UNIT))
    app = create_app(graph, ApiSettings(api_key=PLATFORM_KEY, anonymous_reads=False))
    TenantIsolation.graph = graph
    TenantIsolation.client = TestClient(app)
    return TenantIsolation


def run_machine(machine: type[TenantIsolation], operations: int) -> int:
    """Runs about `operations` steps; returns how many ran."""
    machine.steps_run = machine.refused = 0
    test = machine.TestCase
    test.settings = settings(
        max_examples=max(1, operations // STEPS),
        stateful_step_count=STEPS,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    # Hypothesis picks each example's length up to STEPS: run until enough have.
    while machine.steps_run < operations:
        test().runTest()
    return machine.steps_run


def test_no_tenant_sees_or_changes_another_tenants_data(
    isolation: type[TenantIsolation],
) -> None:
    operations = int(os.environ.get("GRAPHSTORE_ISOLATION_OPERATIONS", OPERATIONS_IN_MAKE_TEST))
    ran = run_machine(isolation, operations)
    print(f"isolation: {ran} steps, {isolation.refused} refused")
    assert ran >= operations
    if operations >= 500:  # hypothesis starts with its simplest examples: one rule, repeated
        assert 0 < isolation.refused < ran, "both allowed and refused steps were exercised"
