"""Every named query that touches tenant-owned data is scoped (graphstore.tenancy).

A query that reads or changes units, loadouts, catalog items, categories, versions, audit
Changes, calculations or accepted violations does one of:
- declares `$tenant` and filters by it (`x.tenant = $tenant`): it finds data by id or by a
  scan, so it must see only the shared data and the scope's tenant's;
- declares `$owner_tenant` and stamps it (`x.tenant = $owner_tenant`): it creates data;
- says `@tenancy: resolved`: it acts only on ids the same transaction found through one of
  the above (a claim, a filtered read), so the filter has been applied already;
- says `@tenancy: platform`: whole-graph work (maintenance, checks, backups, the importer,
  the explorer), which a tenant's scope may not run (graphstore.graph.scoped_parameters).
"""

from __future__ import annotations

import re

import pytest

from graphstore import queries
from graphstore.errors import ForbiddenError
from graphstore.graph import PLATFORM, SINGLE_TENANT, Tenancy, scoped_parameters

TENANT_OWNED = re.compile(
    r":(Unit|Loadout|Equipment|Category|Version|Change|Calculation|AcceptedViolation)\b"
)
FILTERS_TENANT = re.compile(r"\.tenant = \$tenant\b")
STAMPS_OWNER = re.compile(r"(\.tenant = \$owner_tenant|tenant: \$owner_tenant)\b")
SCOPED = [
    name
    for name in queries.available()
    if not queries.is_fragment(name)
    and not name.startswith("migrations/")
    and TENANT_OWNED.search(queries.load(name).text)
]


def test_the_scoped_queries_are_found() -> None:
    assert len(SCOPED) > 100
    assert "store/unit_get" in SCOPED
    assert "store/claim/loadout" in SCOPED


@pytest.mark.parametrize("name", SCOPED)
def test_every_query_on_tenant_owned_data_is_scoped(name: str) -> None:
    query = queries.load(name)
    marker = query.metadata.get("tenancy")
    if marker is not None:
        assert marker in {"platform", "resolved"}, f"{name}: unknown @tenancy {marker!r}"
        assert "tenant" not in query.parameters, f"{name}: marked {marker} but takes $tenant"
    elif "owner_tenant" in query.parameters:
        assert STAMPS_OWNER.search(query.text), f"{name} declares $owner_tenant, never stamps it"
    else:
        assert "tenant" in query.parameters, f"{name}: no $tenant, no @tenancy"
        assert FILTERS_TENANT.search(query.text), f"{name} declares $tenant but never filters"


def test_a_tenant_scope_fills_in_its_tenant_and_cannot_run_platform_queries() -> None:
    tenant = Tenancy(tenant="guild-a", owner="guild-a", platform=False)
    filled = scoped_parameters(queries.load("store/unit_get"), {"id": "x"}, tenant)
    assert filled["tenant"] == "guild-a"
    with pytest.raises(ForbiddenError, match="platform scope only"):
        scoped_parameters(queries.load("store/checks/orphan_loadout"), {}, tenant)
    assert scoped_parameters(queries.load("store/checks/orphan_loadout"), {}, PLATFORM) == {}
    with pytest.raises(ForbiddenError, match="is the scope's"):
        scoped_parameters(queries.load("store/unit_get"), {"id": "x", "tenant": "guild-b"}, tenant)


def test_a_graph_without_a_scope_is_the_single_tenant_graph() -> None:
    filled = scoped_parameters(queries.load("store/unit_get"), {"id": "x"}, None)
    assert filled["tenant"] == SINGLE_TENANT.tenant == "default"
