"""Tenant isolation in the store: what one tenant owns, another never sees or changes."""

from __future__ import annotations

import pytest

from graphstore import GraphStore
from graphstore.errors import (
    AlreadyExistsError,
    ForbiddenError,
    NotFoundError,
    RestrictError,
    ValidationError,
)
from graphstore.importer.graph_hash import graph_hash
from tests.store.conftest import equipment, unit
from tests.tenancy.conftest import Tenants


def test_a_tenant_sees_its_own_units_and_the_shared_ones_never_another_tenants(
    tenants: Tenants,
) -> None:
    tenants.a.units.create(unit("a-only"))
    tenants.b.units.create(unit("b-only"))
    seen_by_a = {u.id for u in tenants.a.list_units().items}
    assert seen_by_a == {"a-only", "atlas-as7-d"}
    assert tenants.a.units.get("a-only").tenant == "guild-a"
    assert tenants.a.units.get("atlas-as7-d").tenant is None
    with pytest.raises(NotFoundError):
        tenants.a.units.get("b-only")
    with pytest.raises(NotFoundError):
        tenants.a.units.update("b-only", {"battle_value": 1})
    with pytest.raises(NotFoundError):
        tenants.a.units.delete("b-only")
    assert tenants.b.units.get("b-only").battle_value == 1897


def test_a_tenant_reads_the_shared_catalog_but_only_the_platform_changes_it(
    tenants: Tenants,
) -> None:
    assert tenants.a.equipment.get("medium-laser").tenant is None
    with pytest.raises(ForbiddenError, match="shared"):
        tenants.a.equipment.update("medium-laser", {"heat": 99})
    with pytest.raises(ForbiddenError, match="copy it"):
        tenants.a.units.update("atlas-as7-d", {"battle_value": 1})
    assert tenants.platform.equipment.get("medium-laser").heat == 3


def test_custom_items_extend_only_their_tenants_catalog(tenants: Tenants) -> None:
    tenants.a.equipment.create(equipment("a-laser"))
    assert tenants.a.equipment.get("a-laser").tenant == "guild-a"
    assert "a-laser" in {e.id for e in tenants.a.list_equipment().items}
    assert "a-laser" not in {e.id for e in tenants.b.list_equipment().items}
    tenants.b.units.create(unit("b-mech"))
    with pytest.raises(NotFoundError):
        tenants.b.equipment.get("a-laser")
    before = tenants.b.units.get("b-mech").version
    with pytest.raises(ValidationError) as refused:
        tenants.b.loadouts.create(
            {
                "unit_id": "b-mech",
                "name": "Raid",
                "mounts": [{"equipment_id": "a-laser", "location": "RIGHT_ARM"}],
            }
        )
    assert refused.value.errors[0]["type"] == "reference"  # the API's 404
    assert "a-laser" in str(refused.value)
    assert tenants.b.loadouts.list_for_unit("b-mech") == []
    assert tenants.b.units.get("b-mech").version == before


def test_copy_brings_a_shared_unit_and_its_loadouts_into_the_tenant(tenants: Tenants) -> None:
    copied = tenants.a.units.copy("atlas-as7-d", "my-atlas")
    assert copied.tenant == "guild-a"
    assert copied.copied_from == "atlas-as7-d"
    assert [loadout.id for loadout in copied.loadouts or []] == ["my-atlas.stock"]
    mounts = tenants.a.loadouts.get("my-atlas.stock", relations=["mounts"]).mounts or []
    assert [m.equipment_id for m in mounts] == ["medium-laser"]
    tenants.a.units.update("my-atlas", {"battle_value": 2000})
    assert tenants.platform.units.exists("my-atlas") is False
    with pytest.raises(NotFoundError):
        tenants.b.units.copy("my-atlas", "stolen")
    with pytest.raises(AlreadyExistsError):
        tenants.a.units.copy("atlas-as7-d", "my-atlas")


def test_history_and_changes_record_the_tenant(tenants: Tenants) -> None:
    tenants.a.units.create(unit("a-mech"))
    tenants.a.units.update("a-mech", {"battle_value": 2})
    assert [c.operation for c in tenants.a.history("a-mech")] == ["update", "create"]
    assert tenants.b.history("a-mech") == []
    with pytest.raises(NotFoundError):
        tenants.b.units.versions("a-mech")


def test_a_shared_item_in_use_is_kept_and_its_uses_are_counted_per_tenant(
    tenants: Tenants,
) -> None:
    for store, name in ((tenants.a, "a"), (tenants.b, "b")):
        store.units.copy("atlas-as7-d", f"{name}-atlas")
    with pytest.raises(RestrictError) as refused:
        tenants.platform.equipment.delete("medium-laser")
    assert refused.value.uses_by_tenant == {"guild-a": 1, "guild-b": 1, "shared": 1}
    assert {b["loadout_id"] for b in refused.value.blockers} == {
        "a-atlas.stock",
        "b-atlas.stock",
        "atlas-as7-d.stock",
    }
    assert tenants.platform.equipment.exists("medium-laser")


def test_nothing_is_created_for_a_tenant_that_does_not_exist(tenants: Tenants) -> None:
    nobody = GraphStore(tenants.platform.graph, tenant="nobody")
    before = graph_hash(tenants.platform.graph)
    with pytest.raises(NotFoundError, match="Tenant 'nobody'"):
        nobody.units.create(unit("orphan"))
    assert graph_hash(tenants.platform.graph) == before
