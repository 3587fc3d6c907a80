"""Where store operations run: each in its own managed transaction, or all in one explicit one.

Operations are written as functions of a transaction, so the same code serves both: a plain
store hands them to the driver's retrying `execute_write`; a `store.transaction()` block runs
them, in order, inside the block's single transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, TypeVar

from graphstore import catalog_generation
from graphstore.graph import (
    Graph,
    Runner,
    Tenancy,
    bind,
    run_named,
    translate_driver_errors,
)

__all__ = [
    "CatalogScope",
    "Runner",
    "Scope",
    "Tenancy",
    "TransactionScope",
    "Work",
    "races_as_conflicts",
    "run",
    "run_one",
]
from graphstore.errors import ConflictError, ConstraintError, TransactionError
from graphstore.quirks import lost_version_race

T = TypeVar("T")


Work = Callable[[Runner], T]


def run(tx: Runner, name: str, **parameters: Any) -> list[dict[str, Any]]:
    """Runs the named query cypher/<name>.cypher; rows as dicts. Errors are typed with the
    query's name, except those the driver retries (see connection.run_named)."""
    return run_named(tx, name, **parameters)


def run_one(tx: Runner, name: str, **parameters: Any) -> dict[str, Any] | None:
    rows = run(tx, name, **parameters)
    return rows[0] if rows else None


class Scope:
    """Runs units of work against the graph, in one tenant's view of it."""

    in_transaction = False

    def __init__(self, graph: Graph, tenancy: Tenancy) -> None:
        self.graph = graph
        self.tenancy = tenancy

    def write(self, work: Work[T]) -> T:
        return self.graph.write_transaction(bind(work, self.tenancy))

    def read(self, work: Work[T]) -> T:
        return self.graph.read_transaction(bind(work, self.tenancy))


@contextmanager
def races_as_conflicts(name: str) -> Iterator[None]:
    """Driver errors, typed. Inside an explicit transaction nobody retries, so a lost race
    (a transient error, or a version number taken first: graphstore.quirks) is a
    ConflictError: the caller retries the block."""
    try:
        with translate_driver_errors(name):
            yield
    except ConstraintError as taken:
        if not lost_version_race(taken):
            raise
        raise ConflictError(
            f"{name}: another writer committed a version of the same entity first; "
            "run the block again",
            entity_id="",
            expected=None,
            current=None,
        ) from taken


class TransactionScope(Scope):
    """Every unit of work joins one transaction, committed or rolled back by its owner.

    An explicit transaction (`store.transaction()`) is never retried, so a lost race is the
    caller's ConflictError. A managed one (`store.atomic()`) lets the driver see it and run
    the whole block again.
    """

    in_transaction = True

    def __init__(
        self, graph: Graph, tx: Runner, tenancy: Tenancy, *, managed: bool = False
    ) -> None:
        super().__init__(graph, tenancy)
        self.tx: Runner | None = tx
        self.managed = managed

    def _run(self, work: Work[T]) -> T:
        if self.tx is None:
            raise TransactionError("this store transaction has ended; open a new one")
        scoped = bind(work, self.tenancy)
        if self.managed:
            return scoped(self.tx)
        with races_as_conflicts(getattr(work, "__name__", "transaction")):
            return scoped(self.tx)

    def write(self, work: Work[T]) -> T:
        return self._run(work)

    def read(self, work: Work[T]) -> T:
        return self._run(work)


class CatalogScope(Scope):
    """Another scope, whose every write also counts a change to the catalog in its own
    transaction: what lets graphstore.search.cache keep catalog lookups and never serve one
    stale. The repositories of equipment and categories, repairs and purges write through it.

    The platform writes the shared catalog; a tenant's catalog writes are its own custom
    items, so their owner is the tenant.
    """

    def __init__(self, inner: Scope) -> None:
        owner = None if inner.tenancy.platform else inner.tenancy.tenant
        super().__init__(inner.graph, replace(inner.tenancy, owner=owner))
        self.inner = inner
        self.in_transaction = inner.in_transaction

    def write(self, work: Work[T]) -> T:
        def counted(tx: Runner) -> T:
            result = work(tx)
            run(tx, catalog_generation.CHANGED)
            return result

        counted.__name__ = getattr(work, "__name__", "transaction")
        return self.inner.write(bind(counted, self.tenancy))

    def read(self, work: Work[T]) -> T:
        return self.inner.read(bind(work, self.tenancy))
