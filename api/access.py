"""Who a request acts as, and whether that may do what it asks (docs/tenants.md).

A request carries `Authorization: Bearer <key>`:
- the platform key (GRAPHSTORE_API_KEY): the platform admin, acting in the tenant that
  `X-Graphstore-Tenant` names (default: `default`);
- a tenant's key (graphstore.tenancy.keys): that tenant, with the key's role;
- nothing: anonymous. With no platform key configured the API is open, as before tenants:
  anonymous is the default tenant's platform admin. With one, anonymous may only read the
  default tenant, and only when GRAPHSTORE_ANONYMOUS_READS allows it.

Writes (any method but GET, HEAD and OPTIONS) need the editor role; soft-deleted data
(`include_deleted=true`) needs a key. Routes that need more (keys: admin; tenants and the
explorer's free queries: platform) say so with a dependency (api.deps).

This is ASGI middleware rather than a route dependency because FastAPI parses a request's
body before it solves dependencies: a client without a key must learn 401, not whether its
JSON parses. The platform key is compared as bytes in constant time, so whatever a header
holds (non-ASCII included) is a plain mismatch. A tenant key is looked up once per
KEY_CACHE_SECONDS: a revocation or an expiry takes effect within that time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import threading
from urllib.parse import parse_qsl

from cachetools import TTLCache
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticValidationError
from starlette.types import ASGIApp, Receive, Scope, Send

from api.deps import app_graph
from api.metrics import count_problem
from api.problems import problem
from graphstore.errors import AuthenticationFailedError
from graphstore.tenancy.keys import authenticate
from graphstore.tenancy.model import Principal, Role
from graphstore.tenancy.names import DEFAULT_TENANT, TENANT_ID_PATTERN

OPEN_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DELETED_FLAG = "include_deleted"
TENANT_HEADER = b"x-graphstore-tenant"
GUARDED_PREFIX = "/v1/"
KEY_CACHE_SECONDS = 5.0
OPERATOR_PATHS = frozenset({"/health/details", "/metrics"})
"""Counts over every tenant: anonymous only where anonymous reads are allowed."""
READS_BY_POST = frozenset({"/v1/validation/batch"})
"""Routes that POST only to carry a filter: any key may call them (never anonymous)."""
_FLAG = TypeAdapter(bool)
_TENANT = re.compile(TENANT_ID_PATTERN.encode("ascii"))


def key_matches(expected: bytes, token: bytes) -> bool:
    return hmac.compare_digest(token, expected)


def bearer_token(authorization: bytes) -> bytes | None:
    """The token of a `Bearer <token>` header value; None for anything else."""
    scheme, _, token = authorization.strip().partition(b" ")
    token = token.strip()
    return token if scheme.lower() == b"bearer" and token else None


def asks_for_deleted(query_string: bytes) -> bool:
    """Whether a query string turns `include_deleted` on (as the route will parse it)."""
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if name != DELETED_FLAG:
            continue
        try:
            if _FLAG.validate_python(value):
                return True
        except PydanticValidationError:
            continue  # the route answers 422 for a value that is not a boolean
    return False


class Refused(Exception):
    """A request refused before it reaches its route: its status and why."""

    def __init__(self, status: int, detail: str, kind: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind


class KeyResolver:
    """Tenant keys to principals, each looked up at most once per KEY_CACHE_SECONDS."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._cache: TTLCache[str, Principal | str] = TTLCache(
            maxsize=10_000, ttl=KEY_CACHE_SECONDS
        )
        self._tenants: TTLCache[str, bool] = TTLCache(maxsize=10_000, ttl=KEY_CACHE_SECONDS)
        self._lock = threading.Lock()

    def resolve(self, token: bytes) -> Principal:
        """Blocking (a database read on a miss): call it from a thread. A refusal is
        cached too, as its reason."""
        digest = hashlib.sha256(token).hexdigest()
        with self._lock:
            found = self._cache.get(digest)
        if found is None:
            try:
                # Bytes that are not ASCII cannot match a key's pattern: refused there.
                key = token.decode("ascii", errors="replace")
                found = authenticate(app_graph(self.app), key)
            except AuthenticationFailedError as failed:
                found = str(failed)
            with self._lock:
                self._cache[digest] = found
        if isinstance(found, str):
            raise AuthenticationFailedError(found)
        return found

    def tenant_exists(self, tenant: str) -> bool:
        """Blocking, like resolve. Only a tenant found is cached: one created a moment ago
        must be found at once, and only the platform admin names tenants here. A deleted
        tenant stays found for up to KEY_CACHE_SECONDS, as a revoked key does."""
        with self._lock:
            if self._tenants.get(tenant):
                return True
        found = bool(app_graph(self.app).read("tenancy/tenant_exists", tenant_id=tenant))
        if found:
            with self._lock:
                self._tenants[tenant] = True
        return found


class Authenticate:
    """Sets `request.state.principal`, or refuses with 401 or 403 (see the module)."""

    def __init__(
        self, app: ASGIApp, *, api_key: str | None, anonymous_reads: bool, keys: KeyResolver
    ) -> None:
        self.app = app
        self.platform_key = None if api_key is None else api_key.encode("utf-8")
        self.anonymous_reads = anonymous_reads
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            principal = await self._principal(scope)
            self._check(scope, principal)
        except Refused as refused:
            count_problem(refused.status, refused.kind)
            headers = {"WWW-Authenticate": "Bearer"} if refused.status == 401 else None
            await problem(refused.status, refused.detail, headers=headers)(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    async def _principal(self, scope: Scope) -> Principal | None:
        headers = dict(scope.get("headers", []))
        authorization = headers.get(b"authorization")
        if authorization is None:
            return self._anonymous(scope)
        token = bearer_token(authorization)
        if token is None:
            raise Refused(401, "this request needs `Authorization: Bearer <key>`", "KeyRequired")
        if self.platform_key is not None and key_matches(self.platform_key, token):
            tenant = _tenant_header(headers.get(TENANT_HEADER))
            if not await run_in_threadpool(self.keys.tenant_exists, tenant):
                raise Refused(404, f"Tenant {tenant!r} does not exist", "NotFoundError")
            return Principal(tenant=tenant, role=Role.admin, platform=True)
        try:
            return await run_in_threadpool(self.keys.resolve, token)
        except AuthenticationFailedError as failed:
            detail = f"this request needs a valid key: {failed}"
            raise Refused(401, detail, "KeyRequired") from failed

    def _anonymous(self, scope: Scope) -> Principal | None:
        if self.platform_key is None:
            # Open, as a single-tenant API was before tenants (the settings log says so).
            return Principal(tenant=DEFAULT_TENANT, role=Role.admin, platform=True)
        if self.anonymous_reads:
            return Principal(tenant=DEFAULT_TENANT, role=Role.reader)
        return None

    def _check(self, scope: Scope, principal: Principal | None) -> None:
        if scope["path"] in OPERATOR_PATHS:
            if principal is None:
                raise Refused(
                    401, "this request needs `Authorization: Bearer <key>`", "KeyRequired"
                )
            return
        if not scope["path"].startswith(GUARDED_PREFIX):
            return  # liveness, readiness, docs and the explorer's page are open to all
        method = scope["method"]
        deleted = asks_for_deleted(scope.get("query_string", b""))
        anonymous = principal is None or (principal.key_id is None and not principal.platform)
        if principal is None or (anonymous and (method not in OPEN_METHODS or deleted)):
            what = (
                "this request"
                if method not in OPEN_METHODS or not deleted
                else ("soft-deleted data")
            )
            raise Refused(401, f"{what} needs `Authorization: Bearer <key>`", "KeyRequired")
        writes = method not in OPEN_METHODS and scope["path"] not in READS_BY_POST
        if writes and not principal.may(Role.editor):
            raise Refused(403, f"a {principal.role} key may not write", "RoleRequired")


def _tenant_header(value: bytes | None) -> str:
    if value is None:
        return DEFAULT_TENANT
    if not _TENANT.fullmatch(value.strip()):
        raise Refused(400, "X-Graphstore-Tenant must be a tenant id", "BadTenant")
    return value.strip().decode("ascii")
