"""Graph: one connected database behind the official driver, and the driver's errors typed.

Knows nothing of which server it is or how it was found (graphstore.connection does that),
nor of the schema (graphstore.migrations): every layer above talks to the graph through it.
"""

from __future__ import annotations

import functools
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

import neo4j
from neo4j import ManagedTransaction, RoutingControl
from neo4j import exceptions as neo4j_errors

from graphstore import queries
from graphstore.errors import (
    AuthenticationError,
    ConflictError,
    ConstraintError,
    DatabaseBusyError,
    DatabaseUnavailableError,
    ForbiddenError,
    GraphStoreError,
    QueryError,
    QueryTimeoutError,
    ValidationError,
)
from graphstore.observability import timed
from graphstore.queries import Query
from graphstore.quirks import retry_as_transient
from graphstore.settings import DriverSettings
from graphstore.tenancy.names import DEFAULT_TENANT

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
def translate_driver_errors(query_name: str = "", *, reading: bool = False) -> Iterator[None]:
    """Turns the driver's exceptions into graphstore's typed ones, keeping the cause.

    For calls outside a transaction function: a transient error here means the driver's
    retries ran out. For a write that is a ConflictError (it kept losing to others); a read
    conflicts with no one, so for a read it is DatabaseBusyError (try again later).
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
        if reading:
            raise DatabaseBusyError(
                f"{query_name}: the database stayed too busy to answer until the retry time "
                f"ran out ({error.code}); try again"
            ) from error
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
        home: Path | None = None,
    ) -> None:
        self._driver = driver
        self.database = database
        self.info = info
        self.home = home
        """Where this process keeps what it derives from the graph (its read model): the
        local engine's home, or GRAPHSTORE_HOME for another server; None: nowhere."""
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
        parameters = scoped_parameters(query, parameters, None)

        def call() -> list[dict[str, Any]]:
            reading = routing == RoutingControl.READ
            timeout = self._retrying.read_timeout_s if reading else None
            with (
                translate_driver_errors(query.name, reading=reading),
                timed(query.name, parameters),
            ):
                records, _, _ = self._driver.execute_query(
                    neo4j.Query(query.cypher, timeout=timeout),
                    parameters,
                    database_=self.database,
                    routing_=routing,
                )
            return [row_of(record) for record in records]

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
            with (
                translate_driver_errors(_work_name(work), reading=True),
                self.session(read=True) as session,
            ):
                return session.execute_read(timed)

        return self._recovering(lambda: _retrying_quirks(call, self._retrying))

    def _recovering(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except DatabaseBusyError:
            raise  # reached, and overloaded: looking for it elsewhere would not help
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


class ScopedGraph(Graph):
    """A Graph seen from one tenant's scope: every query and unit of work it runs carries
    the Tenancy. It shares the Graph's driver and bookmarks (it holds no state of its own),
    so it costs nothing to make one per request."""

    def __init__(self, graph: Graph, tenancy: Tenancy) -> None:
        # No super().__init__: the connection state stays the unscoped Graph's alone.
        self.unscoped: Graph = graph.unscoped if isinstance(graph, ScopedGraph) else graph
        self.tenancy = tenancy

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unscoped, name)

    @property
    def driver(self) -> neo4j.Driver:
        return self.unscoped.driver

    def read(self, query: Query | str, **parameters: Any) -> list[dict[str, Any]]:
        named = _as_query(query)
        return self.unscoped.read(named, **scoped_parameters(named, parameters, self.tenancy))

    def write(self, query: Query | str, **parameters: Any) -> list[dict[str, Any]]:
        named = _as_query(query)
        return self.unscoped.write(named, **scoped_parameters(named, parameters, self.tenancy))

    def write_transaction(self, work: Callable[[ManagedTransaction], T]) -> T:
        return self.unscoped.write_transaction(bind(work, self.tenancy))

    def read_transaction(self, work: Callable[[ManagedTransaction], T]) -> T:
        return self.unscoped.read_transaction(bind(work, self.tenancy))

    def reconnect(self) -> bool:
        return self.unscoped.reconnect()

    def close(self) -> None:
        """The unscoped Graph's owner closes it."""

    def __repr__(self) -> str:
        return f"<ScopedGraph {self.tenancy} of {self.unscoped!r}>"


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


@dataclass(frozen=True)
class Tenancy:
    """Whose data a unit of work sees and changes (docs/tenants.md).

    `tenant`: reads see the shared data and this tenant's (None: the shared data alone).
    `owner`: what creates are stamped with (None: shared). `platform`: may change the
    shared catalog and run whole-graph queries (`@tenancy: platform`).
    """

    tenant: str | None
    owner: str | None
    platform: bool


PLATFORM = Tenancy(tenant=None, owner=None, platform=True)
"""Whole-graph maintenance: migrations, history upkeep, integrity checks, backups."""

SINGLE_TENANT = Tenancy(tenant=DEFAULT_TENANT, owner=DEFAULT_TENANT, platform=True)
"""What a Graph with no scope runs as: the default tenant, which also runs the shared
catalog. A single-tenant graph (the library, the CLI, scripts) behaves as before tenants;
every HTTP request runs in its key's scope instead (a ScopedGraph, a scoped GraphStore)."""


class BoundRunner:
    """A transaction that carries its Tenancy: run_named fills every `$tenant` and
    `$owner_tenant` a query declares from it, so no caller can forget the scope or name
    another one."""

    def __init__(self, tx: Runner, tenancy: Tenancy) -> None:
        self.tx = tx
        self.tenancy = tenancy

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kw: Any) -> neo4j.Result:
        return self.tx.run(query, parameters, **kw)


def bind(work: Callable[[Any], T], tenancy: Tenancy) -> Callable[[Any], T]:
    """`work`, handed a transaction that carries `tenancy`. The binding nearest the work
    wins: a catalog write inside a tenant's transaction is stamped as its scope says."""

    @functools.wraps(work)
    def scoped(tx: Any) -> T:
        plain = tx.tx if isinstance(tx, BoundRunner) else tx
        return work(BoundRunner(plain, tenancy))

    return scoped


SCOPE_PARAMETERS = {"tenant": "tenant", "owner_tenant": "owner"}
"""The query parameters a scope fills, and the Tenancy field each comes from."""


def scoped_parameters(
    named: Query, parameters: dict[str, Any], tenancy: Tenancy | None
) -> dict[str, Any]:
    """`parameters` with the scope's `$tenant`/`$owner_tenant` where the query declares
    them (no scope: SINGLE_TENANT's, unless the caller names them); in a scope, a caller
    naming another value is refused. A query marked
    `@tenancy: platform` reads or writes across tenants: a tenant's scope may not run it."""
    scope = SINGLE_TENANT if tenancy is None else tenancy
    if not scope.platform and named.metadata.get("tenancy") == "platform":
        raise ForbiddenError(f"{named.name} works on every tenant's data: platform scope only")
    scoped = dict(parameters)
    for name, field in SCOPE_PARAMETERS.items():
        if name not in named.parameters:
            continue
        value = getattr(scope, field)
        if name in scoped and scoped[name] != value:
            if tenancy is None:
                continue  # an unscoped Graph is the platform's: it may name any tenant
            # Only the scope names the tenant: a caller's other value is a bug, not a choice.
            raise ForbiddenError(
                f"{named.name}: ${name} is the scope's ({value!r}), not {scoped[name]!r}"
            )
        scoped[name] = value
    return scoped


_PLAIN = frozenset({str, int, float, bool, type(None), bytes})


def _is_plain(value: Any) -> bool:
    kind = type(value)
    if kind in _PLAIN:
        return True
    if kind is list:
        return all(_is_plain(each) for each in value)
    if kind is dict:
        return all(_is_plain(each) for each in value.values())
    return False


def row_of(record: neo4j.Record) -> dict[str, Any]:
    """A record as a dict, as record.data() makes it, but cheaply when every value is a plain
    one (scalars, lists and maps of them), as rows here almost always are: data() walks every
    nested value through isinstance checks against abstract types, which cost 40% of a batch
    validation's time. Rows holding nodes, relationships, paths or temporal values go through
    data()."""
    if all(_is_plain(value) for value in record):  # a Record is the tuple of its values
        return dict(zip(record.keys(), record, strict=True))
    return record.data()


def run_named(tx: Runner, query: Query | str, **parameters: Any) -> list[dict[str, Any]]:
    """Runs a named query inside a transaction function; rows as dicts.

    Errors the driver retries (transient ones, a lost connection) pass through untouched so
    that it can; every other error is typed here, where the query's name is known.
    """
    named = _as_query(query)
    parameters = scoped_parameters(named, parameters, getattr(tx, "tenancy", None))
    try:
        with timed(named.name, parameters):
            return [row_of(record) for record in tx.run(named.cypher, parameters)]
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
