"""connect(): resolution order, logging, and typed errors."""

from __future__ import annotations

import logging
import socket

import pytest

from graphstore import (
    AuthenticationError,
    DatabaseUnavailableError,
    EngineSettings,
    Graph,
    LocalEngine,
    Query,
    QueryError,
    connect,
    run_named,
)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_local_engine_is_the_default(
    session_graph: Graph, engine_settings: EngineSettings, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    caplog.set_level(logging.INFO, logger="graphstore")
    with connect(engine_settings=engine_settings) as graph:
        assert graph.info.kind == "arcadedb"
        assert graph.info.version.startswith("26.")
        assert graph.read("health/node_count")[0]["nodes"] >= 0
    assert "connected to arcadedb 26." in caplog.text


def test_neo4j_uri_wins_over_the_local_engine(
    session_graph: Graph, engine_settings: EngineSettings, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    engine = LocalEngine(engine_settings)
    state = engine.require_running()
    monkeypatch.setenv("NEO4J_URI", state.uri)
    monkeypatch.setenv("NEO4J_USER", engine.user)
    monkeypatch.setenv("NEO4J_PASSWORD", engine.password())
    monkeypatch.setenv("NEO4J_DATABASE", state.database)
    caplog.set_level(logging.INFO, logger="graphstore")
    # A home with no engine: if resolution fell through to the local engine, it would start one.
    with connect(engine_settings=EngineSettings(home=engine_settings.home / "unused")) as graph:
        assert graph.info.kind == "neo4j"
        assert graph.info.uri == state.uri
        assert graph.info.version == "5.26.0"  # what the Bolt server reports
    assert not (engine_settings.home / "unused").exists()
    assert f"connected to neo4j 5.26.0 at {state.uri}" in caplog.text


def test_an_explicit_uri_wins_over_neo4j_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    port = _closed_port()
    with pytest.raises(DatabaseUnavailableError, match="unreachable") as raised:
        connect(f"bolt://127.0.0.1:{port}", user="neo4j", password="x")
    assert str(port) in str(raised.value)


def test_bad_credentials_are_an_authentication_error(
    session_graph: Graph, engine_settings: EngineSettings
) -> None:
    state = LocalEngine(engine_settings).require_running()
    with pytest.raises(AuthenticationError, match="refused the credentials"):
        connect(state.uri, user="root", password="definitely-wrong", database=state.database)


def test_a_failing_query_is_a_query_error_naming_the_query(graph: Graph) -> None:
    broken = Query("tests/broken", "MATCH (n) RETURN m", "a query with a bug")
    with pytest.raises(QueryError) as raised:
        graph.write_transaction(lambda tx: run_named(tx, broken))
    assert raised.value.query == "tests/broken"
    with pytest.raises(QueryError) as raised:  # not a named query: named by its transaction
        graph.write_transaction(lambda tx: tx.run("MATCH (n) RETURN m").consume())
    assert raised.value.query == "transaction"


def test_an_integer_bolt_cannot_carry_is_a_validation_error(graph: Graph) -> None:
    from graphstore.errors import ValidationError

    with pytest.raises(ValidationError, match="beyond Bolt's 64-bit range") as raised:
        graph.read("health/node_count", unused=2**64)
    assert raised.value.errors[0]["path"] == "health/node_count"
