"""connect(): the one entry point to a graph, whichever server is behind it.

Resolution order: an explicit URI, then NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE), then the local engine, started on demand and left running.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction, RoutingControl
from neo4j import exceptions as neo4j_errors

from graphstore import queries
from graphstore.engine import LocalEngine
from graphstore.errors import (
    AuthenticationError,
    ConflictError,
    ConstraintError,
    DatabaseUnavailableError,
    GraphStoreError,
    QueryError,
    SchemaOutOfDateError,
    ValidationError,
)
from graphstore.queries import Query
from graphstore.quirks import retry_as_transient
from graphstore.settings import DriverSettings, EngineSettings, Neo4jSettings

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


_CONSTRAINT_CODES = frozenset(
    {
        "Neo.ClientError.Schema.ConstraintValidationFailed",
        "Neo.ClientError.Schema.ConstraintViolation",
    }
)


def _typed(error: neo4j_errors.Neo4jError, query_name: str) -> GraphStoreError:
    message = error.message or str(error)
    if error.code in _CONSTRAINT_CODES:
        return ConstraintError(message, query=query_name, code=error.code)
    return QueryError(message, query=query_name, code=error.code)


@contextmanager
def translate_driver_errors(query_name: str = "") -> Iterator[None]:
    """Turns the driver's exceptions into graphstore's typed ones, keeping the cause.

    For calls outside a transaction function: a transient error here means the driver's
    retries ran out, so it is a ConflictError (the write kept losing to others).
    """
    try:
        yield
    except neo4j_errors.AuthError as error:
        raise AuthenticationError(
            f"the database refused the credentials: {error.message}"
        ) from error
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as error:
        raise DatabaseUnavailableError(f"the database is unreachable: {error}") from error
    except neo4j_errors.TransientError as error:
        raise ConflictError(
            f"{query_name}: kept losing races with other writers until the retry time ran "
            f"out ({error.code}); try again",
            entity_id="",
            expected=None,
            current=None,
        ) from error
    except neo4j_errors.Neo4jError as error:
        if isinstance(error, GraphStoreError):
            raise
        raise _typed(error, query_name) from error
    except OverflowError as error:
        # Bolt integers are 64-bit; models bound their fields, this catches any that do not.
        raise ValidationError([{"path": query_name, "message": str(error)}]) from error


def _as_query(query: Query | str) -> Query:
    return query if isinstance(query, Query) else queries.load(query)


class Runner(Protocol):
    """What both a managed and an explicit neo4j transaction offer."""

    def run(self, query: Any, parameters: dict[str, Any] | None = ..., **kw: Any) -> neo4j.Result:
        """Runs one statement."""
        ...


Reresolve = Callable[[], tuple[neo4j.Driver, "EngineInfo"] | None]


class Graph:
    """A connected graph: the driver, the database name, and what the server is.

    Every call shares one bookmark manager, so a read always sees the writes this Graph
    made before it, on a cluster too. A Graph bound to the local engine re-resolves it when
    the connection fails: an engine restarted by `graphstore engine start` (on its old port,
    or a new one) is found again without restarting the program that holds this Graph.
    """

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str,
        info: EngineInfo,
        *,
        reresolve: Reresolve | None = None,
    ) -> None:
        self._driver = driver
        self.database = database
        self.info = info
        self._reresolve = reresolve
        self._retrying = DriverSettings()
        self._swap = threading.Lock()
        self._retired: list[neo4j.Driver] = []

    @property
    def driver(self) -> neo4j.Driver:
        return self._driver

    @property
    def bookmarks(self) -> neo4j.BookmarkManager:
        return self._driver.execute_query_bookmark_manager

    def session(self, *, read: bool = False) -> neo4j.Session:
        """A session on this graph's database sharing the graph's bookmarks."""
        return self._driver.session(
            database=self.database,
            bookmark_manager=self.bookmarks,
            default_access_mode=neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS,
        )

    def read(self, query: Query | str, **parameters: Any) -> list[dict[str, Any]]:
        """Runs a named read query in a managed (retried) transaction; rows as dicts."""
        return self._execute(_as_query(query), parameters, RoutingControl.READ)

    def write(self, query: Query | str, **parameters: Any) -> list[dict[str, Any]]:
        """Runs a named write query in a managed (retried) transaction; rows as dicts."""
        return self._execute(_as_query(query), parameters, RoutingControl.WRITE)

    def _execute(
        self, query: Query, parameters: dict[str, Any], routing: RoutingControl
    ) -> list[dict[str, Any]]:
        def call() -> list[dict[str, Any]]:
            with translate_driver_errors(query.name):
                records, _, _ = self._driver.execute_query(
                    query.cypher, parameters, database_=self.database, routing_=routing
                )
            return [record.data() for record in records]

        return self._recovering(call)

    def write_transaction(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Runs `work` in one managed write transaction, retried on transient errors.

        `work` must be idempotent: the driver may call it more than once.
        """

        def call() -> T:
            with translate_driver_errors(_work_name(work)), self.session() as session:
                return session.execute_write(work)

        return self._recovering(lambda: _retrying_quirks(call, self._retrying))

    def read_transaction(self, work: Callable[[ManagedTransaction], T]) -> T:
        def call() -> T:
            with translate_driver_errors(_work_name(work)), self.session(read=True) as session:
                return session.execute_read(work)

        return self._recovering(lambda: _retrying_quirks(call, self._retrying))

    def _recovering(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except DatabaseUnavailableError:
            if not self.reconnect():
                raise
            return call()

    def reconnect(self) -> bool:
        """Looks for the server again; True when it now lives at a new address."""
        if self._reresolve is None:
            return False
        with self._swap:
            found = self._reresolve()
            if found is None:
                return False
            driver, info = found
            if info.uri == self.info.uri:
                driver.close()
                return False
            log.warning(
                "the local engine moved from %s to %s; reconnected", self.info.uri, info.uri
            )
            # Other threads may still hold the old driver: it is closed with the Graph.
            self._retired.append(self._driver)
            self._driver, self.info = driver, info
            return True

    def close(self) -> None:
        for driver in [*self._retired, self._driver]:
            driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Graph {self.info.kind} {self.info.version} {self.info.uri} db={self.database}>"


def _retrying_quirks(call: Callable[[], T], settings: DriverSettings) -> T:
    """`call` again, after a short growing pause, while it fails in a way the engine means
    as "ran alongside a commit" (graphstore.quirks), until the retry time runs out."""
    deadline = time.monotonic() + settings.retry_time_s
    delay = settings.first_retry_delay_s
    while True:
        try:
            return call()
        except QueryError as error:
            if not retry_as_transient(error) or time.monotonic() + delay > deadline:
                raise
            log.debug("retrying after %s", error.code)
        time.sleep(delay * random.uniform(0.5, 1.5))  # noqa: S311 (jitter, not security)
        delay *= 2


def _work_name(work: Callable[..., Any]) -> str:
    return str(getattr(work, "__name__", "transaction"))


def run_named(tx: Runner, query: Query | str, **parameters: Any) -> list[dict[str, Any]]:
    """Runs a named query inside a transaction function; rows as dicts.

    Errors the driver retries (transient ones, a lost connection) pass through untouched so
    that it can; every other error is typed here, where the query's name is known.
    """
    named = _as_query(query)
    try:
        return [record.data() for record in tx.run(named.cypher, parameters)]
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
        if error.is_retryable():
            raise
        with translate_driver_errors(named.name):
            raise
    except OverflowError:
        with translate_driver_errors(named.name):
            raise


def _open_driver(uri: str, user: str, password: str) -> neo4j.Driver:
    with translate_driver_errors("connect"):
        driver = GraphDatabase.driver(
            uri, auth=(user, password), **DriverSettings().driver_options()
        )
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


def _open_local(engine: LocalEngine, database: str | None) -> tuple[neo4j.Driver, EngineInfo]:
    state = engine.require_running()
    driver = _open_driver(state.uri, engine.user, engine.password())
    database = database or state.database
    try:
        server, bolt_version = _server_components(driver, database)
    except BaseException:
        driver.close()
        raise
    server = f"ArcadeDB (Bolt: {server} {bolt_version})"
    return driver, EngineInfo("arcadedb", state.version, server, state.uri, database)


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
        user = user if user is not None else env.user
        password = password if password is not None else env.password.get_secret_value()
        database = database or env.database
        driver = _open_driver(target, user, password)
        server, version = _server_components(driver, database)
        info = EngineInfo("neo4j", version, server, target, database)
        # The driver reconnects to a fixed address by itself (and routes, for neo4j://).
        graph = Graph(driver, database, info)
    else:
        engine = LocalEngine(engine_settings)
        engine.start()
        driver, info = _open_local(engine, database)

        def reresolve() -> tuple[neo4j.Driver, EngineInfo] | None:
            if not engine.status().running:
                return None
            return _open_local(engine, database)

        graph = Graph(driver, info.database, info, reresolve=reresolve)
    log.info(
        "connected to %s %s at %s (database %s)", info.kind, info.version, info.uri, info.database
    )
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
