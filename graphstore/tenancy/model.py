"""Tenants, their API keys and roles, and who a request acts as (docs/tenants.md)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from graphstore.graph import Tenancy
from graphstore.instants import Instant
from graphstore.store.text import Line
from graphstore.tenancy.names import DEFAULT_TENANT, TENANT_ID_PATTERN

TenantId = Annotated[str, Field(min_length=1, max_length=63, pattern=TENANT_ID_PATTERN)]


class Role(StrEnum):
    """What a key may do in its tenant; each role may do what the ones before it may."""

    reader = "reader"
    editor = "editor"
    admin = "admin"

    def allows(self, needed: Role) -> bool:
        order = list(Role)
        return order.index(self) >= order.index(needed)


class TenantCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: TenantId
    name: Annotated[Line, Field(min_length=1, max_length=200)] | None = None


class TenantPublic(BaseModel):
    id: str
    name: str | None = None
    created_at: datetime | None = None
    live_keys: int | None = None


class Quotas(BaseModel):
    """The most a tenant may hold; None: no limit."""

    model_config = ConfigDict(extra="forbid")

    max_units: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    max_loadouts: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    max_custom_items: Annotated[int, Field(ge=0, le=10_000_000)] | None = None


class KeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
    name: Annotated[Line, Field(min_length=1, max_length=200)] | None = None
    expires_at: Instant | None = Field(
        default=None,
        description="when the key stops working (with its offset; later than now); none: never",
    )


class KeyPublic(BaseModel):
    id: str
    tenant: str
    role: Role
    name: str | None = None
    created_at: datetime | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None


class NewKey(KeyPublic):
    secret: str = Field(description="the key itself: shown once, stored only as a hash")


class Principal(BaseModel):
    """Who a request acts as: a tenant's key, the platform admin, or anonymous."""

    model_config = ConfigDict(frozen=True)

    tenant: str = DEFAULT_TENANT
    role: Role
    platform: bool = False
    key_id: str | None = None

    @property
    def tenancy(self) -> Tenancy:
        return Tenancy(tenant=self.tenant, owner=self.tenant, platform=self.platform)

    def may(self, needed: Role) -> bool:
        return self.platform or self.role.allows(needed)
