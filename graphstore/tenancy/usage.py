"""What a tenant holds and does: GET /v1/tenant/usage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, Field

from graphstore.graph import Graph

BYTES_PER_PROPERTY = 300
"""A stored property's share of the engine's data directory, rounded: the local engine's
directory after importing the shared corpus (52,246,658 bytes: pages, indexes and log
included) over the 170,686 properties its nodes and relationships store, 306 bytes each
(`python -m benchmarks.tenancy`, 2026-11-30)."""


class TenantUsage(BaseModel):
    tenant: str
    units: int
    loadouts: int
    custom_items: int
    writes_24h: int = Field(description="changes recorded in the last 24 hours")
    stored_properties: int
    storage_estimate_bytes: int = Field(
        description="stored_properties times the measured bytes per property: an estimate"
    )


def tenant_usage(graph: Graph, tenant: str) -> TenantUsage:
    """The counts of `tenant` (a graph scoped to it fills the query's `$tenant`)."""
    since = datetime.now(UTC) - timedelta(hours=24)
    row = graph.read("tenancy/usage", since=since)[0]
    properties = int(row["properties"] or 0)
    return TenantUsage(
        tenant=tenant,
        units=row["units"],
        loadouts=row["loadouts"],
        custom_items=row["custom_items"],
        writes_24h=row["writes_24h"],
        stored_properties=properties,
        storage_estimate_bytes=properties * BYTES_PER_PROPERTY,
    )
