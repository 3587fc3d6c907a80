"""`graphstore engine start | stop | status`."""

from __future__ import annotations

import typer
from rich.console import Console

from graphstore.connection import connect
from graphstore.engine import LocalEngine
from graphstore.errors import GraphStoreError

engine_app = typer.Typer(no_args_is_help=True, help="Run the local ArcadeDB engine.")
console = Console()


@engine_app.command()
def start() -> None:
    """Start the local engine, or reuse the one already running."""
    engine = LocalEngine()
    before = engine.status()
    state = engine.start()
    verb = "reused running" if before.running else "started"
    console.print(f"{verb} engine pid {state.pid} at {state.uri} (data {engine.paths.home})")


@engine_app.command()
def stop() -> None:
    """Stop the local engine cleanly."""
    engine = LocalEngine()
    report = engine.stop()
    if not report.stopped:
        console.print(f"no engine was running on {engine.paths.home}")
        return
    how = "shut down cleanly" if report.graceful else "killed after it did not shut down"
    console.print(f"stopped engine pid {report.pid} on {engine.paths.home} ({how})")
    if report.clients:
        console.print(
            f"{len(report.clients)} client connection(s) were still open: "
            + ", ".join(report.clients)
        )


@engine_app.command()
def status() -> None:
    """Show URI, pid, data directory and version. Exit code 3 when not running."""
    engine = LocalEngine()
    current = engine.status()
    console.print(f"data dir: {engine.paths.home}")
    if not current.running or current.state is None:
        note = " (stale state from a killed server; next start recovers)" if current.stale else ""
        console.print(f"status:   stopped{note}")
        raise typer.Exit(3)
    state = current.state
    console.print("status:   running")
    console.print(f"uri:      {state.uri}")
    console.print(f"pid:      {state.pid}")
    console.print(f"database: {state.database}")
    console.print(f"version:  ArcadeDB {state.version}")
    console.print(f"started:  {state.started_at}")
    console.print(f"log:      {engine.paths.log_file}")
    try:
        with connect() as graph:
            nodes = graph.read("health/node_count")[0]["nodes"]
        console.print(f"nodes:    {nodes}")
    except GraphStoreError as error:
        console.print(f"[red]not answering:[/] {error}")
        raise typer.Exit(1) from error
