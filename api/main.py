"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from api import problems
from api.access import Authenticate, KeyResolver
from api.body_limit import BodySizeLimit
from api.head import HeadAsGet
from api.metrics import RequestTimer
from api.operation_ids import operation_id
from api.rate_limit import RateLimiter
from api.restore_gate import RestoreGate, RestoreMark
from api.routers import (
    bulk,
    catalog,
    equipment,
    explore,
    health,
    loadouts,
    tenancy,
    units,
    validation,
)
from api.settings import ApiSettings
from graphstore.explore.assets import STATIC
from graphstore.graph import Graph
from graphstore.health import HealthCache
from graphstore.settings import StoreLimits


def create_app(graph: Graph | None = None, settings: ApiSettings | None = None) -> FastAPI:
    """The API. Pass a Graph to serve it; otherwise the first request connects via connect()."""
    settings = settings or ApiSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if app.state.graph is not None and app.state.graph is not graph:
            app.state.graph.close()

    # Swagger UI and ReDoc from the package's own copies of their assets, not a CDN.
    app = FastAPIOffline(
        title="graphstore",
        summary="BattleTech units, equipment and loadouts as a graph.",
        version="0.1.0",
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        responses=problems.error_responses(400, 413, 422, 500, 503),
    )
    app.state.graph = graph
    app.state.settings = settings
    app.state.rate_limiter = RateLimiter(
        settings.expensive_rate_limit, settings.anonymous_rate_limit
    )
    app.state.limits = StoreLimits()  # read once from the environment, like the settings
    app.state.health_cache = HealthCache(max_age_s=10.0)
    problems.install(app)
    # The last added runs first: the timer, CORS, HEAD as GET, the key, the restore gate,
    # the body limit.
    app.add_middleware(
        BodySizeLimit, max_bytes=settings.max_body_bytes, timeout_s=settings.body_timeout_s
    )
    app.add_middleware(RestoreGate, mark=RestoreMark(app))
    api_key = settings.api_key.get_secret_value() if settings.api_key else None
    app.add_middleware(
        Authenticate,
        api_key=api_key,
        anonymous_reads=settings.anonymous_reads,
        keys=KeyResolver(app),
    )
    app.add_middleware(HeadAsGet)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(RequestTimer)  # outermost: times everything, refusals included
    routers = (health, units, loadouts, validation, equipment, catalog, bulk, explore, tenancy)
    for router in routers:
        app.include_router(router.router)
    # The explorer's bundled script and styles (built at set-up; 404 until they are).
    app.mount("/explore/assets", StaticFiles(directory=STATIC, check_dir=False), "explore")
    for versioned in (units, loadouts):
        app.include_router(versioned.history)
    _with_problem_components(app)
    return app


def _with_problem_components(app: FastAPI) -> None:
    """The OpenAPI schema, generated once, with the shared problem models as components."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = problems.add_components(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
