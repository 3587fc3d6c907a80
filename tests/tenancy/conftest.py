"""Two tenants over one shared catalog: the platform's store, and one store per tenant."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from graphstore import Graph, GraphStore
from graphstore.migrations import migrate
from graphstore.tenancy.tenants import create_tenant
from tests.store.conftest import equipment, unit


@dataclass
class Tenants:
    platform: GraphStore
    a: GraphStore
    b: GraphStore


@pytest.fixture
def tenants(graph: Graph) -> Tenants:
    migrate(graph)
    for tenant in ("guild-a", "guild-b"):
        create_tenant(graph, {"id": tenant})
    platform = GraphStore(graph, actor="platform")
    platform.equipment.upsert_many([equipment("medium-laser"), equipment("ac-20", tonnage=14)])
    # A shared template: a unit in the shared space (no tenant), with a stock loadout.
    shared = GraphStore(graph, actor="platform", tenant=None, platform=True)
    shared.units.create(unit("atlas-as7-d"))
    shared.loadouts.create(
        {
            "id": "atlas-as7-d.stock",
            "unit_id": "atlas-as7-d",
            "name": "Stock",
            "is_stock": True,
            "mounts": [{"equipment_id": "medium-laser", "location": "RIGHT_ARM"}],
        }
    )
    return Tenants(
        platform=platform,
        a=GraphStore(graph, actor="a", tenant="guild-a"),
        b=GraphStore(graph, actor="b", tenant="guild-b"),
    )
