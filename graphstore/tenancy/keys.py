"""API keys: random, shown once, stored as a hash, each of one tenant and one role.

A key reads `gsk_<id>_<secret>`: the id finds the stored key in one index seek, and the
SHA-256 of the whole key is compared with the stored one in constant time. The secret has
256 random bits, so a fast hash is enough: nothing short of the key itself matches it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime
from typing import Any

from graphstore.errors import AuthenticationFailedError, NotFoundError, ValidationError
from graphstore.graph import Graph
from graphstore.store.validation import error, validate
from graphstore.tenancy.model import KeyCreate, KeyPublic, NewKey, Principal, Role
from graphstore.values import plain

PREFIX = "gsk"
_KEY = re.compile(r"^gsk_(?P<id>[a-z0-9]{16})_(?P<secret>[A-Za-z0-9_-]{43})$", re.ASCII)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def create_key(graph: Graph, tenant: str, data: KeyCreate | dict[str, Any]) -> NewKey:
    """A new key of `tenant`; its secret is in the result and nowhere else."""
    wanted = validate(KeyCreate, data)
    created_at = datetime.now(UTC)
    if wanted.expires_at is not None and wanted.expires_at <= created_at:
        message = f"{wanted.expires_at.isoformat()} has passed: a new key must expire later"
        raise ValidationError([error("expires_at", message)])
    key_id = secrets.token_hex(8)
    secret = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
    row = {
        "id": key_id,
        "name": wanted.name,
        "role": wanted.role.value,
        "hash": _hash(secret),
        "created_at": created_at,
        "expires_at": wanted.expires_at,
    }
    created = graph.write("tenancy/key_create", tenant_id=tenant, key=row)
    if not created:
        raise NotFoundError("Tenant", tenant)
    stored = {k: v for k, v in plain(created[0]["key"]).items() if k != "hash"}
    return NewKey(**stored, secret=secret)


def list_keys(graph: Graph, tenant: str) -> list[KeyPublic]:
    return [KeyPublic(**plain(r["key"])) for r in graph.read("tenancy/key_list", tenant_id=tenant)]


def revoke_key(graph: Graph, tenant: str, key_id: str) -> KeyPublic:
    rows = graph.write("tenancy/key_revoke", tenant_id=tenant, id=key_id, now=datetime.now(UTC))
    if not rows:
        raise NotFoundError("ApiKey", key_id)
    return KeyPublic(**plain(rows[0]["key"]))


def authenticate(graph: Graph, key: str, *, now: datetime | None = None) -> Principal:
    """Who `key` acts as; AuthenticationFailedError when it is malformed, unknown, revoked
    or expired (the message says which, never anything about other keys)."""
    found = _KEY.match(key)
    if found is None:
        raise AuthenticationFailedError("not a graphstore API key")
    rows = graph.read("tenancy/key_find", id=found["id"])
    stored = plain(rows[0]["key"]) if rows else None
    if stored is None or not hmac.compare_digest(stored["hash"], _hash(key)):
        raise AuthenticationFailedError("unknown API key")
    if stored.get("revoked_at") is not None:
        raise AuthenticationFailedError("this API key was revoked")
    expires = stored.get("expires_at")
    if expires is not None and expires <= (now or datetime.now(UTC)):
        raise AuthenticationFailedError("this API key has expired")
    return Principal(tenant=rows[0]["tenant"], role=Role(stored["role"]), key_id=stored["id"])
