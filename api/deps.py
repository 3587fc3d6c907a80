"""Typed dependencies shared by every router."""

from __future__ import annotations

import re
import threading
from typing import Annotated, Any, Protocol, TypeVar

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.rate_limit import RateLimiter
from api.settings import ApiSettings
from graphstore.connection import connect
from graphstore.errors import ForbiddenError
from graphstore.graph import Graph, ScopedGraph
from graphstore.instants import Instant
from graphstore.migrations import require_current
from graphstore.rules import RulesEngine
from graphstore.settings import StoreLimits
from graphstore.store import GraphStore
from graphstore.store.models import NOTE_MAX
from graphstore.tenancy.model import Principal, Role

_connect_lock = threading.Lock()
V = TypeVar("V", bound="Versioned")
_bearer = HTTPBearer(auto_error=False)


# Every dependency here is `async def` although none awaits: FastAPI runs a plain `def`
# dependency in the thread pool, one hop per dependency per request, and these do no I/O
# (the first connect, which does, is handed to the pool explicitly).


async def get_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


def app_graph(app: FastAPI) -> Graph:
    """The app's one Graph, connected on first use (blocking: call it from a thread)."""
    graph: Graph | None = app.state.graph
    if graph is not None:
        return graph
    with _connect_lock:
        graph = app.state.graph
        if graph is None:
            graph = connect(schema_guard=require_current)
            app.state.graph = graph
        return graph


async def get_engine_graph(request: Request) -> Graph:
    """The app's one Graph, unscoped, connected on first use so a down database is a 503,
    not a crash: for health and the platform's whole-graph routes."""
    graph: Graph | None = request.app.state.graph
    if graph is None:
        graph = await run_in_threadpool(app_graph, request.app)
    return graph


async def get_principal(request: Request) -> Principal:
    """Who the request acts as (api.access set it; open routes get an anonymous reader)."""
    principal: Principal | None = getattr(request.state, "principal", None)
    return principal or Principal(role=Role.reader)


SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
EngineGraphDep = Annotated[Graph, Depends(get_engine_graph)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def get_graph(graph: EngineGraphDep, principal: PrincipalDep) -> Graph:
    """The graph as the request's tenant sees it: the shared data and its own."""
    return ScopedGraph(graph, principal.tenancy)


GraphDep = Annotated[Graph, Depends(get_graph)]


def require(role: Role) -> Any:
    """A dependency refusing, with 403, a principal whose role is below `role`."""

    async def check(principal: PrincipalDep) -> Principal:
        if not principal.may(role):
            raise ForbiddenError(f"this needs the {role} role; this key is a {principal.role}")
        return principal

    return Depends(check)


async def _require_platform(principal: PrincipalDep) -> Principal:
    if not principal.platform:
        raise ForbiddenError("only the platform admin (GRAPHSTORE_API_KEY) may do this")
    return principal


AdminDep = Annotated[Principal, require(Role.admin)]
PlatformDep = Annotated[Principal, Depends(_require_platform)]


async def get_store(
    request: Request,
    graph: EngineGraphDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    x_change_note: Annotated[
        str | None,
        Header(
            max_length=4 * NOTE_MAX,
            description="why: kept with the version a write makes (or `change_note` in its "
            "body); UTF-8, at most 500 characters, under the text policy of every stored text",
        ),
    ] = None,
) -> GraphStore:
    limits: StoreLimits = request.app.state.limits
    return GraphStore(
        graph,
        actor=settings.actor,
        source="api",
        note=header_text(x_change_note, "X-Change-Note") or None,
        limits=limits,
        tenant=principal.tenant,
        platform=principal.platform,
        key_id=principal.key_id,
    )


def header_text(value: str | None, name: str) -> str | None:
    """A header's text as the client sent it, UTF-8 (the server hands header values over as
    Latin-1, one character per byte); 422 for bytes that are not UTF-8."""
    if value is None:
        return None
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        raise HTTPException(status_code=422, detail=f"{name} must be UTF-8 text") from None


def noted(store: GraphStore, change_note: str | None) -> GraphStore:
    """The store recording a body's `change_note` (over the header's) with its writes."""
    return store.with_note(change_note) if change_note else store


async def get_rules(graph: GraphDep) -> RulesEngine:
    return RulesEngine(graph)


StoreDep = Annotated[GraphStore, Depends(get_store)]
RulesDep = Annotated[RulesEngine, Depends(get_rules)]


async def declare_write_access(
    _: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """States in the OpenAPI schema that this route takes the bearer key. api.access enforces
    it, before the body is read, so this dependency checks nothing itself."""


WriteAccess = Depends(declare_write_access)


_ENTITY_TAG = re.compile(r'^(W/)?"([0-9]{1,18})"$', re.ASCII)


def entity_tag(version: int) -> str:
    """The ETag of an entity version (its version number, a strong tag)."""
    return f'"{version}"'


class Versions:
    """What version a write expects, from `If-Match` (RFC 9110: `*`, or one strong or weak
    entity tag `"3"`, `W/"3"`), the `version` query parameter, and the body's `version`."""

    def __init__(self, if_match: int | None, query: int | None) -> None:
        self._sources = [
            (name, v) for name, v in (("If-Match", if_match), ("version", query)) if v is not None
        ]

    def expect(self, body: int | None = None) -> int | None:
        """The one version every given source names; None when none names one."""
        named = [*self._sources, *([("body version", body)] if body is not None else [])]
        versions = {version for _, version in named}
        if len(versions) > 1:
            said = ", ".join(f"{name} {version}" for name, version in named)
            raise HTTPException(status_code=422, detail=f"the expected versions disagree: {said}")
        return versions.pop() if versions else None


def parse_if_match(value: str | None) -> int | None:
    """The version If-Match names; None for none or `*` (any current version)."""
    if value is None or value.strip() == "*":
        return None
    found = _ENTITY_TAG.match(value.strip())
    if not found:
        raise HTTPException(
            status_code=422,
            detail='If-Match must be * or one entity tag such as "3" or W/"3" '
            f"(a version number): {value[:40]!r}",
        )
    return int(found.group(2))


async def versions(
    if_match: Annotated[
        str | None,
        Header(
            description='the entity version this write expects: `"3"` (the ETag a read '
            "returned), or `*`; a `version` in the body or the query does the same"
        ),
    ] = None,
    version: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="the version this write expects")
    ] = None,
) -> Versions:
    return Versions(parse_if_match(if_match), version)


VersionsDep = Annotated[Versions, Depends(versions)]

AsOf = Annotated[
    Instant | None,
    Query(
        description="a time with its offset (2026-11-20T10:00:00Z): the entity as it stood "
        "then, from its version history"
    ),
]


IncludeDeleted = Annotated[
    bool,
    Query(description="also a soft-deleted entity, and the history of a deleted one (needs a key)"),
]


async def charge_expensive(request: Request, principal: PrincipalDep) -> None:
    """Counts this call against its key's budget for expensive routes, or its address's when
    it has no key (429 when over)."""
    limiter: RateLimiter = request.app.state.rate_limiter
    route = request.scope.get("route")
    key = principal.key_id or ("platform" if principal.platform and _keyed(request) else None)
    address = request.client.host if request.client else "unknown"
    limiter.charge(getattr(route, "path", request.url.path), key=key, address=address)


def _keyed(request: Request) -> bool:
    """Whether the request carried a key (an open API's anonymous caller is platform too)."""
    return "authorization" in request.headers


Expensive = Depends(charge_expensive)


class Versioned(Protocol):
    version: int | None


def with_etag(response: Response, entity: V) -> V:
    """`entity`, with its version as the response's ETag (what If-Match sends back)."""
    if entity.version is not None:
        response.headers["ETag"] = entity_tag(entity.version)
    return entity
