"""Typed dependencies shared by every router."""

from __future__ import annotations

import secrets
import threading
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
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


def if_match_version(
    if_match: Annotated[
        str | None,
        Header(
            description='the entity version this write expects, e.g. `"3"` (or give `version` '
            "in the body)"
        ),
    ] = None,
) -> int | None:
    if if_match is None:
        return None
    text = if_match.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise HTTPException(
            status_code=422, detail=f"If-Match must be a version number: {if_match!r}"
        )
    return int(text)


IfMatchDep = Annotated[int | None, Depends(if_match_version)]


def expected_version(body_version: int | None, header_version: int | None) -> int | None:
    """The version a write expects: body and If-Match must agree when both are given."""
    if body_version is not None and header_version is not None and body_version != header_version:
        raise HTTPException(
            status_code=422,
            detail=f"body version {body_version} and If-Match {header_version} disagree",
        )
    return body_version if body_version is not None else header_version
