"""The `graphstore` command line."""

from __future__ import annotations

import logging
import sys

import typer
from rich.console import Console
from rich.markup import escape

from graphstore.cli.backup import backup_app, purge
from graphstore.cli.check import check
from graphstore.cli.engine import engine_app
from graphstore.cli.history import history_app
from graphstore.cli.importer import demo, import_app
from graphstore.cli.index import index_app
from graphstore.cli.migrate import migrate_app, schema_app
from graphstore.cli.query import query_app
from graphstore.cli.readmodel import read_model_app
from graphstore.cli.serve import explore, serve
from graphstore.cli.tenancy import key_app, tenant_app
from graphstore.cli.validate import validate
from graphstore.errors import GraphStoreError

app = typer.Typer(no_args_is_help=True, help="graphstore: game unit data as a graph.")
app.add_typer(engine_app, name="engine")
app.add_typer(migrate_app, name="migrate")
app.add_typer(schema_app, name="schema")
app.add_typer(query_app, name="query")
app.add_typer(index_app, name="index")
app.add_typer(history_app, name="history")
app.add_typer(backup_app, name="backup")
app.add_typer(read_model_app, name="read-model")
app.add_typer(tenant_app, name="tenant")
app.add_typer(key_app, name="key")
app.command()(serve)
app.command()(explore)
app.add_typer(import_app, name="import")
app.command()(demo)
app.command()(validate)
app.command()(check)
app.command()(purge)

_errors = Console(stderr=True)


@app.callback()
def _configure(verbose: bool = typer.Option(False, "--verbose", "-v", help="log at INFO")) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def main() -> None:
    try:
        app()
    except GraphStoreError as error:
        _errors.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False)
        sys.exit(1)
