"""Option parsers shared by the commands."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from graphstore.errors import NotFoundError
from graphstore.graph import Graph, Tenancy
from graphstore.instants import parse_instant
from graphstore.tenancy.names import DEFAULT_TENANT


def instant(value: str | datetime) -> datetime:
    """A date or time under graphstore.instants' policy, in UTC (without an offset: UTC).
    Pass as `typer.Option(parser=instant)` to every option that takes a time."""
    if isinstance(value, datetime):
        return value
    try:
        return parse_instant(value)
    except ValueError as bad:
        raise typer.BadParameter(str(bad)) from None


ScopeOption = Annotated[
    str,
    typer.Option(
        "--tenant",
        "-t",
        help="act in this tenant: its data and the shared catalog (default: the default tenant)",
    ),
]


def tenant_scope(graph: Graph, tenant: str) -> Tenancy:
    """The platform admin's scope in `tenant` (as the platform key with X-Graphstore-Tenant);
    a tenant that does not exist is an error, not an empty scope. The default tenant always
    exists (a graph that predates tenants has no node for it)."""
    if tenant != DEFAULT_TENANT and not graph.read("tenancy/tenant_exists", tenant_id=tenant):
        raise NotFoundError("Tenant", tenant)
    return Tenancy(tenant=tenant, owner=tenant, platform=True)
