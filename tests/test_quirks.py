"""The local engine's behaviour that graphstore.quirks (and the claim design) relies on,
measured on the real engine, so that a change in a new engine release shows up here."""

from __future__ import annotations

import pytest
from neo4j.exceptions import TransientError

from graphstore import Graph
from graphstore.errors import QueryError
from graphstore.quirks import retry_as_transient


def test_only_the_engines_spurious_not_found_is_retried() -> None:
    spurious = QueryError(
        "Record #17:3 not found", query="q", code="Neo.ClientError.Statement.EntityNotFound"
    )
    syntax = QueryError("Invalid input", query="q", code="Neo.ClientError.Statement.SyntaxError")
    assert retry_as_transient(spurious)
    assert not retry_as_transient(syntax)


def _second_writer_commits(graph: Graph, first: str, second: str) -> bool:
    """Transaction B writes `second` first and commits last; A writes `first` in between.
    Whether B's commit succeeds."""
    driver, database = graph.driver, graph.database
    driver.execute_query("CREATE (:Probe {id: 'p', n: 1})", database_=database)
    with driver.session(database=database) as later:
        b = later.begin_transaction()
        b.run(second).consume()
        with driver.session(database=database) as earlier:
            a = earlier.begin_transaction()
            a.run(first).consume()
            a.commit()
        try:
            b.commit()
        except TransientError:
            return False
    return True


SAME_VALUE = "MATCH (p:Probe {id: 'p'}) SET p.n = p.n"
COUNTER = "MATCH (p:Probe {id: 'p'}) SET p._lock = coalesce(p._lock, 0) + 1"


def test_a_same_value_set_is_no_lock_but_a_counter_is(graph: Graph) -> None:
    if graph.info.kind != "arcadedb":
        pytest.skip("Neo4j locks on any SET; the second writer waits instead of failing")
    assert _second_writer_commits(graph, SAME_VALUE, SAME_VALUE)  # no collision: no lock
    graph.driver.execute_query("MATCH (p:Probe) DETACH DELETE p", database_=graph.database)
    assert not _second_writer_commits(graph, COUNTER, COUNTER)  # a collision: one retries


def test_a_written_page_is_read_as_it_was_when_written(graph: Graph) -> None:
    """Why claims come before any other write (graphstore.store.claims)."""
    if graph.info.kind != "arcadedb":
        pytest.skip("Neo4j reads committed data")
    driver, database = graph.driver, graph.database
    driver.execute_query(
        "CREATE (:Probe {id: 'mine', n: 0}), (:Probe {id: 'theirs', flag: false})",
        database_=database,
    )
    with driver.session(database=database) as mine, driver.session(database=database) as theirs:
        writer = mine.begin_transaction()
        writer.run("MATCH (p:Probe {id: 'mine'}) SET p.n = 1").consume()
        other = theirs.begin_transaction()
        other.run("MATCH (p:Probe {id: 'theirs'}) SET p.flag = true").consume()
        other.commit()
        seen = writer.run("MATCH (p:Probe {id: 'theirs'}) RETURN p.flag AS flag").single()
        writer.rollback()
    fresh = driver.execute_query(
        "MATCH (p:Probe {id: 'theirs'}) RETURN p.flag AS flag", database_=database
    ).records[0]
    assert fresh["flag"] is True  # committed
    assert seen is not None
    assert seen["flag"] is False  # but not to a transaction that wrote its page


def test_the_local_engine_ignores_a_bolt_transaction_timeout(graph: Graph) -> None:
    """graphstore passes GRAPHSTORE_DB_READ_TIMEOUT_S as a Bolt transaction timeout; Neo4j
    enforces it, the local engine runs the read to its end. If this starts failing, the
    engine has begun enforcing it: update graphstore.quirks and docs/api.md."""
    import time

    import neo4j

    slow = "UNWIND range(1, 3000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n"
    started = time.perf_counter()
    records, _, _ = graph.driver.execute_query(
        neo4j.Query(slow, timeout=0.05), database_=graph.database
    )
    took = time.perf_counter() - started
    assert records[0]["n"] == 3000000 // 7
    assert took > 0.05, f"the read finished in {took:.3f} s: too fast to tell"
