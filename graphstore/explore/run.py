"""Running a person's read-only Cypher for the explorer: rows, plus the graph they hold.

Two walls keep it read-only: graphstore.explore.readonly refuses updating clauses before
the engine sees the text, and the query runs in a read-mode explicit transaction that is
always rolled back (Neo4j also refuses a write in read mode; the local engine rolls it back).
It has a time limit (the transaction's timeout), at most `max_rows` rows and `max_nodes`
nodes, and says what it cut (`truncated`).

Values come back JSON-ready: a node is {"id", "labels", "properties"}, a relationship
{"id", "type", "start", "end", "properties"}, a path a list of both; each node and
relationship met anywhere in the rows is also in `graph`, once.
"""

from __future__ import annotations

import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any

from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship
from pydantic import BaseModel, Field, field_validator

from graphstore.errors import ExplorerBusyError, QueryError, QueryRefusedError, UserQueryError
from graphstore.explore.readonly import refusal
from graphstore.graph import Graph, translate_driver_errors
from graphstore.queries import load

MAX_ROWS = 1000
MAX_NODES = 500
TIMEOUT_S = 10.0


MAX_PARAMS_DEPTH = 20
MAX_PARAMS_VALUES = 10_000


class ExploreQuery(BaseModel):
    query: str = Field(min_length=1, max_length=20_000, description="read-only Cypher")
    params: dict[str, Any] = Field(
        default_factory=dict,
        description=f"the query's $parameters (nested at most {MAX_PARAMS_DEPTH} deep, at most "
        f"{MAX_PARAMS_VALUES} values in all)",
    )

    @field_validator("params")
    @classmethod
    def _bounded(cls, params: dict[str, Any]) -> dict[str, Any]:
        # Counted without recursion: a deep value must be refused, not overflow the stack.
        pending: list[tuple[Any, int]] = [(params, 1)]
        values = 0
        while pending:
            value, depth = pending.pop()
            values += 1
            if depth > MAX_PARAMS_DEPTH:
                raise ValueError(f"parameters nest deeper than {MAX_PARAMS_DEPTH} levels")
            if values > MAX_PARAMS_VALUES:
                raise ValueError(f"parameters hold more than {MAX_PARAMS_VALUES} values")
            if isinstance(value, dict):
                pending += [(v, depth + 1) for v in value.values()]
            elif isinstance(value, list):
                pending += [(v, depth + 1) for v in value]
        return params


class ExploreNode(BaseModel):
    id: str
    labels: list[str]
    properties: dict[str, Any]


class ExploreRelationship(BaseModel):
    id: str
    type: str
    start: str
    end: str
    properties: dict[str, Any]


class ExploreGraph(BaseModel):
    nodes: list[ExploreNode] = Field(default_factory=list)
    relationships: list[ExploreRelationship] = Field(default_factory=list)


class Truncated(BaseModel):
    rows: bool = False
    nodes: bool = False


class ExploreResult(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    graph: ExploreGraph
    truncated: Truncated
    elapsed_ms: float


class _Collector:
    """Turns driver values into JSON-ready ones, gathering nodes and relationships."""

    def __init__(self, max_nodes: int) -> None:
        self.max_nodes = max_nodes
        self.nodes: dict[str, ExploreNode] = {}
        self.relationships: dict[str, ExploreRelationship] = {}
        self.cut = False

    def node(self, node: Node) -> dict[str, Any]:
        found = ExploreNode(
            id=node.element_id,
            labels=sorted(node.labels),
            properties={k: self.value(v) for k, v in node.items()},
        )
        known = self.nodes.get(found.id)
        if known is None:
            if len(self.nodes) >= self.max_nodes:
                self.cut = True
            else:
                self.nodes[found.id] = found
        elif not known.labels and found.labels:  # first met bare, as a relationship's end
            self.nodes[found.id] = found
        return found.model_dump()

    def relationship(self, rel: Relationship) -> dict[str, Any]:
        start, end = rel.start_node, rel.end_node
        found = ExploreRelationship(
            id=rel.element_id,
            type=rel.type,
            start=start.element_id if start is not None else "",
            end=end.element_id if end is not None else "",
            properties={k: self.value(v) for k, v in rel.items()},
        )
        for side in (start, end):
            if side is not None:
                self.node(side)
        if found.start in self.nodes and found.end in self.nodes:
            self.relationships.setdefault(found.id, found)
        return found.model_dump()

    def value(self, value: Any) -> Any:
        if isinstance(value, Node):
            return self.node(value)
        if isinstance(value, Relationship):
            return self.relationship(value)
        if isinstance(value, Path):
            return {
                "nodes": [self.node(n) for n in value.nodes],
                "relationships": [self.relationship(r) for r in value.relationships],
            }
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {str(k): self.value(v) for k, v in value.items()}
        if isinstance(value, datetime | date | clock):
            return value.isoformat()
        if isinstance(value, timedelta):
            return str(value)
        if hasattr(value, "iso_format"):  # the driver's own temporal types
            return value.iso_format()
        if isinstance(value, bytes):
            return value.hex()
        return value


CONCURRENT_QUERIES = 1
"""Explorer queries one API process runs at once. The local engine does not stop a query at
its time limit (it ignores the transaction's timeout and a closed connection, measured): a
query the caller stopped waiting for runs on and holds its slot until the engine ends it.
So explorer load takes at most this many of the engine's cores, whatever people send, and
the request path keeps the rest; a query sent while every slot is taken is refused at once
(ExplorerBusyError, 429), never queued behind a long one."""

_SLOTS = threading.BoundedSemaphore(CONCURRENT_QUERIES)
_RUNNER = ThreadPoolExecutor(max_workers=CONCURRENT_QUERIES, thread_name_prefix="explore")


def run_read_only(
    graph: Graph,
    request: ExploreQuery,
    *,
    max_rows: int = MAX_ROWS,
    max_nodes: int = MAX_NODES,
    timeout_s: float = TIMEOUT_S,
) -> ExploreResult:
    """Runs a read-only query: QueryRefusedError for an updating one or one over time,
    UserQueryError for one the engine refused, ExplorerBusyError while another runs."""
    reason = refusal(request.query)
    if reason is not None:
        raise QueryRefusedError(reason)
    if not _SLOTS.acquire(blocking=False):
        raise ExplorerBusyError(
            f"the explorer runs {CONCURRENT_QUERIES} query at a time and one is running (a "
            "query past its time limit runs on in the engine until it ends); retry shortly"
        )
    started = time.perf_counter()

    def in_slot() -> ExploreResult:
        try:
            return _run(graph, request, max_rows, max_nodes, timeout_s, started)
        finally:
            _SLOTS.release()  # when the engine is done with it, before the caller hears

    try:
        running = _RUNNER.submit(in_slot)
    except BaseException:
        _SLOTS.release()
        raise
    try:
        return running.result(timeout=timeout_s)
    except FutureTimeout:
        raise QueryRefusedError(
            f"the query ran over the explorer's time limit of {timeout_s:g} s"
        ) from None


def busy() -> bool:
    """Whether every explorer slot holds a query the engine is still running."""
    if _SLOTS.acquire(blocking=False):
        _SLOTS.release()
        return False
    return True


def wait_until_idle(timeout_s: float) -> bool:
    """Waits until no explorer query runs in the engine (True), or `timeout_s` passes."""
    if not _SLOTS.acquire(timeout=timeout_s):
        return False
    _SLOTS.release()
    return True


def _run(
    graph: Graph,
    request: ExploreQuery,
    max_rows: int,
    max_nodes: int,
    timeout_s: float,
    started: float,
) -> ExploreResult:
    collector = _Collector(max_nodes)
    rows: list[list[Any]] = []
    more_rows = False
    with translate_driver_errors("explore/query"), graph.session(read=True) as session:
        tx = session.begin_transaction(timeout=timeout_s)
        try:
            result = tx.run(request.query, request.params)
            columns = list(result.keys())
            for record in result:
                if len(rows) >= max_rows:
                    more_rows = True
                    break
                rows.append([collector.value(v) for v in record.values()])
        except neo4j_errors.Neo4jError as error:
            # A person's query failing in the engine (syntax, types, a division by zero, a
            # memory budget) is their 400, never the service's 500.
            if _timed_out(error, started, timeout_s):
                raise QueryRefusedError(
                    f"the query ran over the explorer's time limit of {timeout_s:g} s"
                ) from error
            raise UserQueryError(error.message or str(error)) from error
        finally:
            with contextlib.suppress(neo4j_errors.Neo4jError, neo4j_errors.DriverError):
                tx.rollback()  # never committed, whatever it ran; a failed one is gone already
            tx.close()
    return ExploreResult(
        columns=columns,
        rows=rows,
        graph=ExploreGraph(
            nodes=list(collector.nodes.values()),
            relationships=list(collector.relationships.values()),
        ),
        truncated=Truncated(rows=more_rows, nodes=collector.cut),
        elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
    )


def _timed_out(error: neo4j_errors.Neo4jError, started: float, limit: float) -> bool:
    code = error.code or ""
    return (
        "Timeout" in code
        or "TransactionTimedOut" in code
        or (time.perf_counter() - started >= limit)
    )


class GraphSchema(BaseModel):
    """The graph's vocabulary, for the explorer's editor (labels, types, property keys)."""

    labels: list[str]
    relationship_types: list[str]
    property_keys: list[str]


SCHEMA_SAMPLE = 20_000


def graph_schema(graph: Graph) -> GraphSchema:
    """From the database's catalog procedures; where they answer nothing (the local engine
    has no db.labels()), from a sample of the graph."""
    try:
        rows = graph.read(load("explore/schema"))
    except QueryError:
        rows = []
    if not rows or not any(rows[0].values()):
        rows = graph.read(load("explore/schema_sample"), sample=SCHEMA_SAMPLE)
    row = rows[0] if rows else {"labels": [], "types": [], "properties": []}
    return GraphSchema(
        labels=sorted(label for label in row["labels"] if not label.startswith("_")),
        relationship_types=sorted(row["types"]),
        property_keys=sorted(p for p in row["properties"] if not p.startswith("_")),
    )
