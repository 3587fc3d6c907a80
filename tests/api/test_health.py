"""GET /health, /health/ready and /health/details on the real local engine, and a clean 503
when the database is down or its schema is behind."""

from __future__ import annotations

import socket

from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from api.main import create_app
from graphstore import EngineInfo, Graph
from graphstore.health import HealthCache
from graphstore.migrations import Migrator, migrate


def test_health_reports_engine_schema_and_counts(graph: Graph) -> None:
    graph.write_transaction(
        lambda tx: tx.run("UNWIND range(1, 3) AS i CREATE (:Probe {i: i})").consume()
    )
    with TestClient(create_app(graph)) as client:
        assert client.get("/health").json() == {"status": "ok", "database": "up"}
        response = client.get("/health/details")
    assert response.status_code == 200
    body = response.json()
    assert body["engine"] == "arcadedb"
    assert body["engine_version"].startswith("26.")
    assert body["nodes"] == 3
    assert body["schema_version"] is None
    assert body["counts"] == {"Unit": 0, "Equipment": 0, "Category": 0, "Loadout": 0}


def test_an_unreachable_database_is_a_503_problem() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    driver = GraphDatabase.driver(
        uri, auth=("neo4j", "x"), connection_acquisition_timeout=2, max_transaction_retry_time=1
    )
    dead = Graph(driver, "neo4j", EngineInfo("neo4j", "5", "Neo4j", uri, "neo4j"))
    with TestClient(create_app(dead), raise_server_exceptions=False) as client:
        response = client.get("/health")
        assert client.get("/health/ready").status_code == 503
        assert client.get("/health/details").status_code == 503
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
    assert "unavailable" in response.json()["detail"]
    assert "Traceback" not in response.text


def test_openapi_docs_are_served(graph: Graph) -> None:
    with TestClient(create_app(graph)) as client:
        assert client.get("/docs").status_code == 200
        assert "/health" in client.get("/openapi.json").json()["paths"]


def test_ready_only_when_the_schema_is_current(graph: Graph) -> None:
    with TestClient(create_app(graph), raise_server_exceptions=False) as client:
        behind = client.get("/health/ready")
        assert behind.status_code == 503
        assert "graphstore migrate" in behind.json()["detail"]
        assert client.get("/health").status_code == 200, "alive all the same"
        migrate(graph)
        assert client.get("/health/ready").json() == {
            "status": "ready",
            "schema_version": Migrator(graph).status().latest_version,
        }


def test_details_are_cached_for_their_max_age(graph: Graph) -> None:
    cache = HealthCache(max_age_s=3600)
    first = cache.get(graph)
    graph.write_transaction(lambda tx: tx.run("CREATE (:Probe)").consume())
    assert cache.get(graph).nodes == first.nodes, "served from the cache"
    cache.max_age_s = 0
    assert cache.get(graph).nodes == first.nodes + 1, "recounted once too old"
