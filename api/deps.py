"""Typed dependencies shared by every router."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request

from graphstore.connection import Graph, connect

_connect_lock = threading.Lock()


def get_graph(request: Request) -> Graph:
    """The app's one Graph, connected on first use so a down database is a 503, not a crash."""
    graph: Graph | None = request.app.state.graph
    if graph is None:
        with _connect_lock:
            graph = request.app.state.graph
            if graph is None:
                graph = connect()
                request.app.state.graph = graph
    return graph


GraphDep = Annotated[Graph, Depends(get_graph)]
