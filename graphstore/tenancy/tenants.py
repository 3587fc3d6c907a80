"""Creating, listing and deleting tenants: the platform admin's work."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from graphstore.errors import AlreadyExistsError, ConstraintError, IntegrityError, NotFoundError
from graphstore.graph import Graph, Runner, run_named
from graphstore.store.validation import validate
from graphstore.tenancy.model import Quotas, TenantCreate, TenantPublic
from graphstore.values import plain


def create_tenant(graph: Graph, data: TenantCreate | dict[str, Any]) -> TenantPublic:
    """A new, empty tenant; AlreadyExistsError when the id is taken."""
    wanted = validate(TenantCreate, data)
    try:
        rows = graph.write(
            "tenancy/tenant_create",
            id=wanted.id,
            name=wanted.name or wanted.id,
            now=datetime.now(UTC),
        )
    except ConstraintError as taken:
        raise AlreadyExistsError(
            f"tenant {wanted.id!r} already exists", entity_id=wanted.id, expected=None, current=None
        ) from taken
    return _public(rows[0]["tenant"])


def list_tenants(graph: Graph) -> list[TenantPublic]:
    return [
        _public(row["tenant"], live_keys=row["live_keys"])
        for row in graph.read("tenancy/tenant_list")
    ]


def delete_tenant(graph: Graph, tenant: str, *, with_data: bool = False) -> dict[str, int]:
    """Deletes the tenant and its keys, in one transaction. A tenant that still owns units
    or custom items is refused (IntegrityError) unless `with_data`, which deletes them
    too. Returns the counts of units and custom items it owned."""

    def delete(tx: Runner) -> dict[str, int]:
        found = run_named(tx, "tenancy/tenant_delete", tenant_id=tenant)
        if not found:
            raise NotFoundError("Tenant", tenant)
        owned = {"units": found[0]["units"], "custom_items": found[0]["items"]}
        if any(owned.values()):
            if not with_data:
                raise IntegrityError(
                    f"tenant {tenant!r} still owns {owned['units']} unit(s) and "
                    f"{owned['custom_items']} custom item(s); delete them first, or delete "
                    "the tenant with its data",
                    blockers=[{"label": "Tenant", "id": tenant, **owned}],
                )
            run_named(tx, "tenancy/tenant_delete_owned", tenant_id=tenant)
            # Deleted without the write log: every read model copies the graph again.
            run_named(tx, "readmodel/epoch_forget")
        run_named(tx, "tenancy/tenant_remove", tenant_id=tenant)
        return owned

    return graph.write_transaction(delete)


def _public(props: dict[str, Any], **extra: Any) -> TenantPublic:
    data = plain(props)
    return TenantPublic(
        id=data["id"], name=data.get("name"), created_at=data.get("created_at"), **extra
    )


def set_quotas(graph: Graph, tenant: str, quotas: Quotas | dict[str, Any]) -> Quotas:
    """Sets a tenant's quotas (None clears one). A create that would pass one is refused
    with ForbiddenError naming it (HTTP 403)."""
    wanted = validate(Quotas, quotas)
    rows = graph.write("tenancy/quota_set", tenant_id=tenant, **wanted.model_dump())
    if not rows:
        raise NotFoundError("Tenant", tenant)
    return Quotas(**{k: v for k, v in rows[0]["quotas"].items() if k != "id"})
