"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import problems
from api.body_limit import BodySizeLimit
from api.routers import catalog, equipment, health, loadouts, units, validation
from api.settings import ApiSettings
from graphstore.graph import Graph


def create_app(graph: Graph | None = None, settings: ApiSettings | None = None) -> FastAPI:
    """The API. Pass a Graph to serve it; otherwise the first request connects via connect()."""
    settings = settings or ApiSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if app.state.graph is not None and app.state.graph is not graph:
            app.state.graph.close()

    app = FastAPI(
        title="graphstore",
        summary="BattleTech units, equipment and loadouts as a graph.",
        version="0.1.0",
        lifespan=lifespan,
        responses=problems.error_responses(413, 422, 500, 503),
    )
    app.state.graph = graph
    app.state.settings = settings
    problems.install(app)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    for router in (health, units, loadouts, validation, equipment, catalog):
        app.include_router(router.router)
    return app
