"""Tenants (the platform admin's), and a tenant's own keys and usage (docs/tenants.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, status

from api.deps import (
    AdminDep,
    EngineGraphDep,
    GraphDep,
    PlatformDep,
    PrincipalDep,
    StoreDep,
    WriteAccess,
)
from api.examples import (
    EXTENSIONS,
    KEYS,
    NEW_EXTENSIONS,
    NEW_KEY,
    NEW_TENANT,
    QUOTAS,
    TENANTS,
    USAGE,
    KeyId,
    TenantId,
)
from api.problems import error_responses
from graphstore.tenancy import keys as tenant_keys
from graphstore.tenancy import tenants
from graphstore.tenancy.extensions import Extension, ExtensionsSet, with_extra_schema
from graphstore.tenancy.model import (
    KeyCreate,
    KeyPublic,
    NewKey,
    Quotas,
    TenantCreate,
    TenantPublic,
)
from graphstore.tenancy.usage import TenantUsage, tenant_usage

router = APIRouter(tags=["tenants"], responses=error_responses(401, 403, 404))


@router.post(
    "/v1/tenants",
    response_model=TenantPublic,
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
    responses=error_responses(409),
)
def create_tenant(
    graph: EngineGraphDep,
    _: PlatformDep,
    tenant: Annotated[TenantCreate, Body(openapi_examples=NEW_TENANT)],
) -> TenantPublic:
    """Creates an empty tenant (platform admin only)."""
    return tenants.create_tenant(graph, tenant)


@router.get("/v1/tenants", response_model=list[TenantPublic], responses=TENANTS)
def list_tenants(graph: EngineGraphDep, _: PlatformDep) -> list[TenantPublic]:
    """Every tenant, with its live key count (platform admin only)."""
    return tenants.list_tenants(graph)


@router.delete(
    "/v1/tenants/{tenant_id}", dependencies=[WriteAccess], responses=error_responses(409)
)
def delete_tenant(
    graph: EngineGraphDep, _: PlatformDep, tenant_id: TenantId, with_data: bool = False
) -> dict[str, int]:
    """Deletes a tenant and its keys; one that owns data is refused (409) unless
    `with_data=true` (platform admin only)."""
    return tenants.delete_tenant(graph, tenant_id, with_data=with_data)


@router.put("/v1/tenants/{tenant_id}/quotas", response_model=Quotas, dependencies=[WriteAccess])
def set_quotas(
    graph: EngineGraphDep,
    _: PlatformDep,
    tenant_id: TenantId,
    quotas: Annotated[Quotas, Body(openapi_examples=QUOTAS)],
) -> Quotas:
    """Sets a tenant's quotas (null: no limit); a create past one is a 403 naming it
    (platform admin only)."""
    return tenants.set_quotas(graph, tenant_id, quotas)


@router.post(
    "/v1/tenant/keys",
    response_model=NewKey,
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
)
def keys_create(
    graph: EngineGraphDep,
    principal: AdminDep,
    key: Annotated[KeyCreate, Body(openapi_examples=NEW_KEY)],
) -> NewKey:
    """A new key of the caller's tenant (admin role). Its `secret` is shown this once."""
    return tenant_keys.create_key(graph, principal.tenant, key)


@router.get("/v1/tenant/keys", response_model=list[KeyPublic], responses=KEYS)
def keys_list(graph: EngineGraphDep, principal: AdminDep) -> list[KeyPublic]:
    """The keys of the caller's tenant, without secrets (admin role)."""
    return tenant_keys.list_keys(graph, principal.tenant)


@router.delete("/v1/tenant/keys/{key_id}", response_model=KeyPublic, dependencies=[WriteAccess])
def keys_revoke(graph: EngineGraphDep, principal: AdminDep, key_id: KeyId) -> KeyPublic:
    """Revokes a key of the caller's tenant (admin role); it stops working within seconds."""
    return tenant_keys.revoke_key(graph, principal.tenant, key_id)


@router.get("/v1/tenant/extensions", response_model=list[Extension], responses=EXTENSIONS)
def extensions(store: StoreDep) -> list[Extension]:
    """The typed properties the caller's tenant adds to its units' `extra`."""
    return store.extensions()


@router.put(
    "/v1/tenant/extensions",
    response_model=ExtensionsSet,
    dependencies=[WriteAccess],
    responses=error_responses(422),
)
def set_extensions(
    store: StoreDep,
    _: AdminDep,
    wanted: Annotated[list[Extension], Body(openapi_examples=NEW_EXTENSIONS)],
) -> ExtensionsSet:
    """Replaces the tenant's extensions (admin role). A core property's name, a changed
    type, or a required one without a default is a 422; each added one's default is
    written into the tenant's existing units."""
    return store.set_extensions(wanted)


@router.get("/v1/tenant/openapi.json", include_in_schema=False)
def tenant_openapi(request: Request, store: StoreDep) -> dict[str, Any]:
    """This API's OpenAPI document with the units' `extra` described as the caller's
    tenant declares it."""
    return with_extra_schema(request.app.openapi(), store.extensions())


@router.get("/v1/tenant/usage", response_model=TenantUsage, responses=USAGE)
def usage(graph: GraphDep, principal: PrincipalDep) -> TenantUsage:
    """The caller's tenant: units, loadouts, custom items, writes in the last 24 h, and a
    storage estimate."""
    return tenant_usage(graph, principal.tenant)
