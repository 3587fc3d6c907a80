"""`graphstore serve`: the HTTP API on the configured graph."""

from __future__ import annotations

import socket
import threading
import time
import webbrowser

import typer
import uvicorn
from rich.console import Console

from api.server import config as server_config
from api.settings import ApiSettings
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
    console.print(f"explorer: http://{host}:{port}/explore   Browser guide: /guide")
    served = server_config(
        "api.main:create_app",
        host=host,
        port=port,
        settings=ApiSettings(),
        factory=True,
        log_level="info",
    )
    uvicorn.Server(served).run()


def explore(
    host: str = typer.Option("127.0.0.1", help="interface to bind"),
    port: int = typer.Option(8000, help="TCP port"),
    open_browser: bool = typer.Option(True, "--open/--no-open", help="open a web browser"),
) -> None:
    """Serve the API and open the explorer (/explore) in a web browser once it is up."""
    url = f"http://{host}:{port}/explore"

    def open_when_up() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((host, port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        webbrowser.open(url)

    if open_browser:
        threading.Thread(target=open_when_up, daemon=True).start()
    serve(host=host, port=port, migrate=False)
