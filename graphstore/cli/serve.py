"""`graphstore serve`: the HTTP API on the configured graph."""

from __future__ import annotations

import typer
import uvicorn
from rich.console import Console

from graphstore.connection import connect
from graphstore.migrations import apply_pending, require_current

console = Console()


def serve(
    host: str = typer.Option("127.0.0.1", help="interface to bind"),
    port: int = typer.Option(8000, help="TCP port"),
    migrate: bool = typer.Option(False, "--migrate", help="apply pending migrations first"),
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    # Connect first so a missing or broken database fails here, clearly, not per request.
    with connect(schema_guard=apply_pending if migrate else require_current) as graph:
        console.print(f"graph: {graph.info.kind} {graph.info.version} at {graph.info.uri}")
    console.print(f"API:  http://{host}:{port}/   docs: http://{host}:{port}/docs")
    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, log_level="info")
