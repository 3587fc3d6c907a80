"""`graphstore tenant create|list|delete` and `graphstore key create|list|revoke`.

The CLI talks to the database directly, so it acts as the platform admin.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graphstore.cli.backup import safety_net
from graphstore.cli.options import instant
from graphstore.connection import connect
from graphstore.migrations import require_current
from graphstore.tenancy import keys, tenants
from graphstore.tenancy.model import Role

console = Console()
tenant_app = typer.Typer(no_args_is_help=True, help="Tenants: isolated workspaces.")
key_app = typer.Typer(no_args_is_help=True, help="API keys of a tenant.")

TenantOption = Annotated[str, typer.Option("--tenant", "-t", help="the tenant id")]


@tenant_app.command("create")
def create_tenant(
    tenant_id: Annotated[str, typer.Argument(help="lower-case letters, digits, dashes")],
    name: Annotated[str | None, typer.Option(help="a display name")] = None,
) -> None:
    """Create an empty tenant."""
    with connect(schema_guard=require_current) as graph:
        made = tenants.create_tenant(graph, {"id": tenant_id, "name": name})
    console.print(f"tenant {escape(made.id)} created")


@tenant_app.command("list")
def list_tenants() -> None:
    """Every tenant with its live keys."""
    with connect(schema_guard=require_current) as graph:
        found = tenants.list_tenants(graph)
    table = Table(title="tenants")
    for column in ("id", "name", "created", "live keys"):
        table.add_column(column)
    for t in found:
        created = t.created_at.isoformat(timespec="seconds") if t.created_at else "-"
        table.add_row(escape(t.id), escape(t.name or ""), created, str(t.live_keys or 0))
    console.print(table)


@tenant_app.command("delete")
def delete_tenant(
    tenant_id: str,
    with_data: Annotated[
        bool, typer.Option("--with-data", help="also delete everything the tenant owns")
    ] = False,
) -> None:
    """Delete a tenant and its keys. One that owns units or custom items is refused unless
    --with-data, which takes a backup first."""
    with connect(schema_guard=require_current) as graph:
        if with_data:
            safety_net(graph, "before-tenant-delete", tenant=tenant_id)
        gone = tenants.delete_tenant(graph, tenant_id, with_data=with_data)
    console.print(
        f"tenant {escape(tenant_id)} deleted ({gone['units']} unit(s), "
        f"{gone['custom_items']} custom item(s) with it)"
    )


@tenant_app.command("quota")
def set_quotas(
    tenant_id: str,
    max_units: Annotated[int | None, typer.Option(help="the most units (none: no limit)")] = None,
    max_loadouts: Annotated[int | None, typer.Option(help="the most loadouts")] = None,
    max_custom_items: Annotated[int | None, typer.Option(help="the most custom items")] = None,
) -> None:
    """Set a tenant's quotas (an option left out clears that quota)."""
    with connect(schema_guard=require_current) as graph:
        set_to = tenants.set_quotas(
            graph,
            tenant_id,
            {
                "max_units": max_units,
                "max_loadouts": max_loadouts,
                "max_custom_items": max_custom_items,
            },
        )
    console.print(f"quotas of {escape(tenant_id)}: {set_to.model_dump()}")


@key_app.command("create")
def create_key(
    tenant: TenantOption,
    role: Annotated[Role, typer.Option(help="reader, editor or admin")],
    name: Annotated[str | None, typer.Option(help="what the key is for")] = None,
    expires: Annotated[
        datetime | None,
        typer.Option(
            parser=instant, metavar="TIME", help="when it stops working (UTC when no offset)"
        ),
    ] = None,
) -> None:
    """Create a key; it is printed this once and stored only as a hash."""
    with connect(schema_guard=require_current) as graph:
        made = keys.create_key(graph, tenant, {"role": role, "name": name, "expires_at": expires})
    console.print(f"key {made.id} ({made.role}) of tenant {escape(made.tenant)}:")
    print(made.secret)
    console.print("[yellow]shown once: store it now[/]")


@key_app.command("list")
def list_keys(tenant: TenantOption) -> None:
    """The keys of a tenant (never their secrets)."""
    with connect(schema_guard=require_current) as graph:
        found = keys.list_keys(graph, tenant)
    table = Table(title=f"keys of {tenant}")
    for column in ("id", "role", "name", "created", "expires", "revoked"):
        table.add_column(column)

    def when(value: datetime | None) -> str:
        return value.isoformat(timespec="seconds") if value else "-"

    for k in found:
        table.add_row(
            k.id,
            k.role,
            escape(k.name or ""),
            when(k.created_at),
            when(k.expires_at),
            when(k.revoked_at),
        )
    console.print(table)


@key_app.command("revoke")
def revoke_key(tenant: TenantOption, key_id: str) -> None:
    """Revoke a key: requests with it are refused (within seconds on a running API)."""
    with connect(schema_guard=require_current) as graph:
        gone = keys.revoke_key(graph, tenant, key_id)
    console.print(f"key {gone.id} revoked")
