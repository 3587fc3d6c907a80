"""`graphstore read-model rebuild|status`: the SQLite copy that lists and search read."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

from graphstore.connection import connect
from graphstore.migrations import require_current
from graphstore.readmodel import read_model

read_model_app = typer.Typer(
    no_args_is_help=True, help="The read model: lists, search and statistics (docs/read-model.md)."
)
console = Console()


@read_model_app.command()
def rebuild() -> None:
    """Copy the graph into the read model again, whole: after writes that bypassed the
    store (Cypher run by hand), or to mend what `graphstore check` reports as drift."""
    with connect(schema_guard=require_current) as graph:
        model = read_model(graph)
        done = model.rebuild()
        counts = model.counts()
    console.print(
        f"read model {escape(str(model.path))} rebuilt in {done.seconds:.1f} s: "
        + ", ".join(f"{n} {name}" for name, n in counts.items())
    )


@read_model_app.command()
def status() -> None:
    """Where the read model is, what it holds, and how far into the write log it has read
    (it catches up first)."""
    with connect(schema_guard=require_current) as graph:
        model = read_model(graph)
        done = model.refresh()
        counts = model.counts()
        state = model.state()
    what = "rebuilt" if done.rebuilt else f"caught up ({done.applied} change(s) applied)"
    console.print(f"read model {escape(str(model.path))}: {what} in {done.seconds:.2f} s")
    console.print(", ".join(f"{n} {name}" for name, n in counts.items()))
    console.print(f"log read up to {state.get('watermark')}; rebuilt at {state.get('rebuilt_at')}")
