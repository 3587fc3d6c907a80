"""Tenant invariants under racing writers: a quota's last slot has one winner, and a key
created for a tenant being deleted never outlives it."""

from __future__ import annotations

import os

from graphstore import GraphStore
from graphstore.errors import ForbiddenError, NotFoundError
from graphstore.tenancy.keys import create_key, list_keys
from graphstore.tenancy.tenants import create_tenant, delete_tenant, set_quotas
from tests.api.helpers import new_unit
from tests.concurrency.conftest import Rounds, race
from tests.tenancy.conftest import Tenants

ROUNDS = int(os.environ.get("GRAPHSTORE_RACE_ROUNDS", "6"))


def test_racing_creates_never_pass_a_quota(tenants: Tenants) -> None:
    rounds = Rounds("quota")
    store = tenants.a
    for n in range(ROUNDS):
        set_quotas(store.graph, "guild-a", {"max_units": n + 1})  # one slot left
        outcomes = race(
            lambda n=n: store.units.create(new_unit(f"r{n}-x")),
            lambda n=n: GraphStore(store.graph, tenant="guild-a").units.create(new_unit(f"r{n}-y")),
        )
        rounds.record(outcomes)
        won = [o for o in outcomes if o.ok]
        assert len(won) == 1, [o.error for o in outcomes]
        assert all(isinstance(o.error, ForbiddenError) for o in outcomes if not o.ok)
        assert store.list_units(page_size=200).total == n + 2  # its units and the template
    rounds.assert_raced()


def test_a_key_never_outlives_its_tenant(tenants: Tenants) -> None:
    rounds = Rounds("key vs tenant delete")
    graph = tenants.platform.graph
    for n in range(ROUNDS):
        tenant = f"short-{n}"
        create_tenant(graph, {"id": tenant})
        outcomes = race(
            lambda t=tenant: create_key(graph, t, {"role": "reader"}),
            lambda t=tenant: delete_tenant(graph, t),
        )
        rounds.record(outcomes)
        assert outcomes[1].ok, outcomes[1].error
        assert outcomes[0].ok or isinstance(outcomes[0].error, NotFoundError)
        assert list_keys(graph, tenant) == []
    rounds.assert_raced()
