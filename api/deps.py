"""Typed dependencies shared by every router."""

from __future__ import annotations

import re
import secrets
import threading
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.settings import ApiSettings
from graphstore.connection import connect
from graphstore.graph import Graph
from graphstore.migrations import require_current
from graphstore.rules import RulesEngine
from graphstore.store import GraphStore

_connect_lock = threading.Lock()
_bearer = HTTPBearer(auto_error=False)


def get_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


def get_graph(request: Request) -> Graph:
    """The app's one Graph, connected on first use so a down database is a 503, not a crash."""
    graph: Graph | None = request.app.state.graph
    if graph is None:
        with _connect_lock:
            graph = request.app.state.graph
            if graph is None:
                graph = connect(schema_guard=require_current)
                request.app.state.graph = graph
    return graph


SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
GraphDep = Annotated[Graph, Depends(get_graph)]


def get_store(graph: GraphDep, settings: SettingsDep) -> GraphStore:
    return GraphStore(graph, actor=settings.actor)


def get_rules(graph: GraphDep) -> RulesEngine:
    return RulesEngine(graph)


StoreDep = Annotated[GraphStore, Depends(get_store)]
RulesDep = Annotated[RulesEngine, Depends(get_rules)]


def require_write_access(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """With GRAPHSTORE_API_KEY set, writes need `Authorization: Bearer <key>`; reads stay open."""
    if settings.api_key is None:
        return
    expected = settings.api_key.get_secret_value()
    if credentials is None or not secrets.compare_digest(credentials.credentials, expected):
        raise HTTPException(
            status_code=401,
            detail="this write needs `Authorization: Bearer <GRAPHSTORE_API_KEY>`",
            headers={"WWW-Authenticate": "Bearer"},
        )


WriteAccess = Depends(require_write_access)


_ENTITY_TAG = re.compile(r'^(W/)?"([0-9]{1,18})"$', re.ASCII)


def entity_tag(version: int) -> str:
    """The ETag of an entity version (its version number, a strong tag)."""
    return f'"{version}"'


class Versions:
    """What version a write expects, from `If-Match` (RFC 9110: `*`, or one strong or weak
    entity tag `"3"`, `W/"3"`), the `version` query parameter, and the body's `version`."""

    def __init__(self, if_match: int | None, query: int | None) -> None:
        self._sources = [(name, v) for name, v in (("If-Match", if_match), ("version", query)) if v]

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


def versions(
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
