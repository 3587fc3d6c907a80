"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import problems
from api.routers import health
from graphstore.connection import Graph


def create_app(graph: Graph | None = None) -> FastAPI:
    """The API. Pass a Graph to serve it; otherwise the first request connects via connect()."""

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
    )
    app.state.graph = graph
    problems.install(app)
    app.include_router(health.router)
    return app
