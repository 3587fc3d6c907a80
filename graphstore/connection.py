"""connect(): the one entry point to a graph, whichever server is behind it.

Resolution order: an explicit URI, then NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE), then the local engine, started on demand and left running.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction, RoutingControl
from neo4j import exceptions as neo4j_errors

from graphstore import queries
from graphstore.engine import LocalEngine
from graphstore.errors import (
    AuthenticationError,
    DatabaseUnavailableError,
    GraphStoreError,
    QueryError,
    SchemaOutOfDateError,
    ValidationError,
)
from graphstore.queries import Query
from graphstore.settings import EngineSettings, Neo4jSettings

log = logging.getLogger("graphstore")

EngineKind = Literal["arcadedb", "neo4j"]
T = TypeVar("T")


@dataclass(frozen=True)
class EngineInfo:
    """Which server this graph talks to. `kind` comes from how we connected, not the server."""

    kind: EngineKind
    version: str
    server: str
    uri: str
    database: str


@contextmanager
def translate_driver_errors(query_name: str = "") -> Iterator[None]:
    """Turns the driver's exceptions into graphstore's typed ones, keeping the cause."""
    try:
        yield
    except neo4j_errors.AuthError as error:
        raise AuthenticationError(
            f"the database refused the credentials: {error.message}"
        ) from error
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as error:
        raise DatabaseUnavailableError(f"the database is unreachable: {error}") from error
    except neo4j_errors.Neo4jError as error:
        if isinstance(error, GraphStoreError):
            raise
        raise QueryError(error.message or str(error), query=query_name, code=error.code) from error
    except OverflowError as error:
        # Bolt integers are 64-bit; models bound their fields, this catches any that do not.
        raise ValidationError([{"path": query_name, "message": str(error)}]) from error


def _as_query(query: Query | str) -> Query:
    return query if isinstance(query, Query) else queries.load(query)


class Graph:
    """A connected graph: the driver, the database name, and what the server is."""

    def __init__(self, driver: neo4j.Driver, database: str, info: EngineInfo) -> None:
        self.driver = driver
        self.database = database
        self.info = info

    def read(self, query: Query | str, **parameters: Any) -> list[dict[str, Any]]:
        """Runs a named read query in a managed (retried) transaction; rows as dicts."""
        return self._execute(_as_query(query), parameters, RoutingControl.READ)

    def write(self, query: Query | str, **parameters: Any) -> list[dict[str, Any]]:
        """Runs a named write query in a managed (retried) transaction; rows as dicts."""
        return self._execute(_as_query(query), parameters, RoutingControl.WRITE)

    def _execute(
        self, query: Query, parameters: dict[str, Any], routing: RoutingControl
    ) -> list[dict[str, Any]]:
        with translate_driver_errors(query.name):
            records, _, _ = self.driver.execute_query(
                query.cypher, parameters, database_=self.database, routing_=routing
            )
        return [record.data() for record in records]

    def write_transaction(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Runs `work` in one managed write transaction, retried on transient errors.

        `work` must be idempotent: the driver may call it more than once.
        """
        with (
            translate_driver_errors(getattr(work, "__name__", "transaction")),
            self.driver.session(database=self.database) as session,
        ):
            return session.execute_write(work)

    def read_transaction(self, work: Callable[[ManagedTransaction], T]) -> T:
        with (
            translate_driver_errors(getattr(work, "__name__", "transaction")),
            self.driver.session(database=self.database) as session,
        ):
            return session.execute_read(work)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Graph {self.info.kind} {self.info.version} {self.info.uri} db={self.database}>"


def run_named(
    tx: ManagedTransaction, query: Query | str, **parameters: Any
) -> list[dict[str, Any]]:
    """Runs a named query inside a transaction function; rows as dicts."""
    named = _as_query(query)
    return [record.data() for record in tx.run(named.cypher, parameters)]


def _open_driver(uri: str, user: str, password: str) -> neo4j.Driver:
    with translate_driver_errors("connect"):
        driver = GraphDatabase.driver(uri, auth=(user, password))
        try:
            driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
    return driver


def _server_components(driver: neo4j.Driver, database: str) -> tuple[str, str]:
    query = queries.load("health/server_components")
    with translate_driver_errors(query.name):
        records, _, _ = driver.execute_query(
            query.cypher, database_=database, routing_=RoutingControl.READ
        )
    if not records:
        return "unknown", "unknown"
    first = records[0]
    return str(first["name"]), ", ".join(first["versions"])


def connect(
    uri: str | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    engine_settings: EngineSettings | None = None,
    auto_migrate: bool = False,
    check_schema: bool = True,
) -> Graph:
    """Connects to the graph: `uri`, else NEO4J_URI, else the local engine (started if needed).

    With `auto_migrate`, pending migrations are applied. Otherwise, with `check_schema`, a
    schema behind the code's migrations raises SchemaOutOfDateError naming the command to run.
    """
    env = Neo4jSettings()
    if uri is not None or env.uri is not None:
        target = uri if uri is not None else env.uri
        assert target is not None
        kind: EngineKind = "neo4j"
        user = user if user is not None else env.user
        password = password if password is not None else env.password.get_secret_value()
        database = database or env.database
        driver = _open_driver(target, user, password)
        server, version = _server_components(driver, database)
    else:
        engine = LocalEngine(engine_settings)
        state = engine.start()
        target, kind, database = state.uri, "arcadedb", database or state.database
        driver = _open_driver(target, engine.user, engine.password())
        server, bolt_version = _server_components(driver, database)
        version = state.version
        server = f"ArcadeDB (Bolt: {server} {bolt_version})"
    info = EngineInfo(kind=kind, version=version, server=server, uri=target, database=database)
    log.info("connected to %s %s at %s (database %s)", kind, version, target, database)
    graph = Graph(driver, database, info)
    try:
        if auto_migrate or check_schema:
            _ensure_schema(graph, apply=auto_migrate)
    except BaseException:
        graph.close()
        raise
    return graph


def _ensure_schema(graph: Graph, *, apply: bool) -> None:
    from graphstore.migrations import Migrator

    migrator = Migrator(graph)
    if apply:
        result = migrator.migrate()
        if result.applied:
            log.info("applied migrations: %s", ", ".join(result.applied))
        return
    status = migrator.status()
    if not status.up_to_date:
        behind = ", ".join(
            f"{row.key} ({row.status})"
            for row in status.rows
            if row.status in ("pending", "undone", "failed")
        )
        raise SchemaOutOfDateError(
            f"the graph's schema is at version {status.schema_version}, the code expects "
            f"{status.latest_version} ({behind}). Run `graphstore migrate`, "
            "or connect(auto_migrate=True)"
        )
