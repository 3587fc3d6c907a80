"""The explorer: its page, read-only Cypher, saved queries, loadout pictures, Browser guide."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Response
from fastapi.responses import FileResponse, HTMLResponse

from api.deps import EngineGraphDep, Expensive, GraphDep, PlatformDep, WriteAccess
from api.examples import SAVED, LoadoutId
from api.problems import error_responses
from graphstore.explore import (
    ExploreQuery,
    ExploreResult,
    SavedQuery,
    guide_html,
    loadout_svg,
    run_read_only,
    saved_queries,
)
from graphstore.explore.assets import page_file
from graphstore.queries import load

router = APIRouter(tags=["explore"])

_GUIDED = "explore/unit_and_stock_loadout"
_QUERY_EXAMPLE = {
    "a unit and its stock loadout": {
        "value": {"query": load(_GUIDED).text, "params": {"unit_id": "hunchback-hbk-4g"}}
    }
}


@router.get("/explore", include_in_schema=False)
def explore_page() -> FileResponse:
    """The explorer's single page (its script and styles are under /explore/assets)."""
    return FileResponse(page_file(), media_type="text/html")


@router.post(
    "/v1/explore/query",
    response_model=ExploreResult,
    # Raw Cypher sees every tenant's data: the platform admin's alone.
    dependencies=[WriteAccess, Expensive],
    responses=error_responses(400, 401, 403, 422, 429),
)
def query(
    graph: EngineGraphDep,
    _: PlatformDep,
    request: Annotated[ExploreQuery, Body(openapi_examples=_QUERY_EXAMPLE)],
) -> ExploreResult:
    """Runs read-only Cypher: rows, and the nodes and relationships they hold. Updating
    clauses are refused (422); time, row and node limits apply (`truncated` says). Free
    Cypher crosses tenants, so only the platform admin may run it (403 otherwise)."""
    return run_read_only(graph, request)


@router.get("/v1/explore/saved", response_model=list[SavedQuery], responses=SAVED)
def saved() -> list[SavedQuery]:
    """The named queries that only read, guided starts first, with their parameters."""
    return list(saved_queries())


@router.get(
    "/v1/loadouts/{loadout_id}/graph.svg",
    response_class=Response,
    dependencies=[Expensive],
    responses={200: {"content": {"image/svg+xml": {}}}, **error_responses(404, 429)},
)
def loadout_picture(graph: GraphDep, loadout_id: LoadoutId) -> Response:
    """The loadout as a picture: locations, slot use, mounts, validation colours."""
    return Response(loadout_svg(graph, loadout_id), media_type="image/svg+xml")


@router.get("/guide", response_class=HTMLResponse, include_in_schema=False)
def browser_guide() -> HTMLResponse:
    """A Neo4j Browser guide (`:play http://<this api>/guide`); any origin may fetch it."""
    return HTMLResponse(guide_html(), headers={"Access-Control-Allow-Origin": "*"})
