"""Graph: one connected database behind the official driver, and the driver's errors typed.

Knows nothing of which server it is or how it was found (graphstore.connection does that),
nor of the schema (graphstore.migrations): every layer above talks to the graph through it.
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
from neo4j import ManagedTransaction, RoutingControl
from neo4j import exceptions as neo4j_errors

from graphstore import queries
from graphstore.errors import (
    AuthenticationError,
    ConflictError,
    ConstraintError,
    DatabaseUnavailableError,
    GraphStoreError,
    QueryError,
    QueryTimeoutError,
    ValidationError,
)
from graphstore.observability import timed
from graphstore.queries import Query
from graphstore.quirks import retry_as_transient
from graphstore.settings import DriverSettings

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


_TIMEOUT_CODES = frozenset(
    {
        "Neo.ClientError.Transaction.TransactionTimedOut",
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    }
)
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
    if error.code in _TIMEOUT_CODES:
        return QueryTimeoutError(message, query=query_name, code=error.code)
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
        message = f"an integer is beyond Bolt's 64-bit range ({error})"
        raise ValidationError([{"path": query_name, "message": message}]) from error


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
            reading = routing == RoutingControl.READ
            timeout = self._retrying.read_timeout_s if reading else None
            with translate_driver_errors(query.name), timed(query.name, parameters):
                records, _, _ = self._driver.execute_query(
                    neo4j.Query(query.cypher, timeout=timeout),
                    parameters,
                    database_=self.database,
                    routing_=routing,
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
        timed = neo4j.unit_of_work(timeout=self._retrying.read_timeout_s)(work)

        def call() -> T:
            with translate_driver_errors(_work_name(work)), self.session(read=True) as session:
                return session.execute_read(timed)

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
    """A name for errors of a transaction as a whole (a statement's errors name its query)."""
    name = str(getattr(work, "__name__", ""))
    return name if name and not name.startswith("<") else "transaction"


def run_named(tx: Runner, query: Query | str, **parameters: Any) -> list[dict[str, Any]]:
    """Runs a named query inside a transaction function; rows as dicts.

    Errors the driver retries (transient ones, a lost connection) pass through untouched so
    that it can; every other error is typed here, where the query's name is known.
    """
    named = _as_query(query)
    try:
        with timed(named.name, parameters):
            return [record.data() for record in tx.run(named.cypher, parameters)]
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
        if error.is_retryable():
            raise
        with translate_driver_errors(named.name):
            raise
    except OverflowError:
        with translate_driver_errors(named.name):
            raise


SchemaGuard = Callable[[Graph], None]
"""Run on a new Graph before it is handed out: checks (or brings) its schema up to date."""
