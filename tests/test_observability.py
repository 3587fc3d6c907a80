"""Every named query is timed: the slow-query log (shapes, never values) and /metrics."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph
from graphstore.graph import EngineInfo
from graphstore.health import ping
from graphstore.migrations import migrate
from graphstore.observability import parameter_shape, settings
from testkit.served_api import free_port


@pytest.fixture
def slow_threshold(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("GRAPHSTORE_SLOW_QUERY_MS", "0")
    settings.cache_clear()
    yield
    settings.cache_clear()


def test_a_slow_query_is_logged_with_its_parameters_shape_never_their_values(
    graph: Graph, slow_threshold: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="graphstore.slow_queries"):
        graph.read("health/ping", secret="hunter2", ids=[1, 2, 3], n=7)
    [record] = [r for r in caplog.records if r.name == "graphstore.slow_queries"]
    message = record.getMessage()
    assert message.startswith("slow query health/ping: ")
    assert "'secret': 'str[7]'" in message
    assert "'ids': 'list[3]'" in message
    assert "'n': 'int'" in message
    assert "hunter2" not in message


def test_fast_queries_are_not_logged(graph: Graph, caplog: pytest.LogCaptureFixture) -> None:
    settings.cache_clear()
    with caplog.at_level(logging.WARNING, logger="graphstore.slow_queries"):
        graph.read("health/ping")
    assert [r for r in caplog.records if r.name == "graphstore.slow_queries"] == []


def test_parameter_shapes() -> None:
    shape = parameter_shape({"b": None, "a": {"k": 1}, "c": 3.5, "d": b"xy", "e": True})
    assert shape == {"a": "dict[1]", "b": "null", "c": "float", "d": "bytes[2]", "e": "bool"}


def _samples(text: str) -> dict[str, list[tuple[dict[str, str], float]]]:
    found: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append((dict(sample.labels), sample.value))
    return found


def test_metrics_scrape_parses_and_counts_requests_queries_and_problems(graph: Graph) -> None:
    migrate(graph)
    with TestClient(create_app(graph, ApiSettings())) as client:
        assert client.get("/v1/units/no-such-unit").status_code == 404
        assert client.get("/v1/units").status_code == 200
        assert client.get("/health/details").status_code == 200
        assert client.get("/health/details").status_code == 200
        scraped = client.get("/metrics")
    assert scraped.status_code == 200
    assert scraped.headers["content-type"].startswith("text/plain")
    samples = _samples(scraped.text)
    requests = samples["graphstore_http_request_seconds_count"]
    assert any(
        labels == {"method": "GET", "route": "/v1/units/{unit_id}", "status": "404"} and n >= 1
        for labels, n in requests
    )
    assert all("no-such-unit" not in labels["route"] for labels, _ in requests)
    problems = samples["graphstore_http_problems_total"]
    assert any(labels == {"status": "404", "error": "NotFoundError"} for labels, _ in problems)
    queries = {labels["query"] for labels, _ in samples["graphstore_query_seconds_count"]}
    assert {"store/unit_get", "readmodel/changes_since", "health/ping"} <= queries
    assert samples["graphstore_database_up"] == [({}, 1.0)]
    lookups = {labels["result"]: n for labels, n in samples["graphstore_cache_lookups_total"]}
    assert lookups["hit"] >= 1
    assert lookups["miss"] >= 1


def test_ping_says_false_when_the_database_is_gone() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    driver = neo4j.GraphDatabase.driver(uri, auth=("x", "y"), max_transaction_retry_time=0.2)
    info = EngineInfo(kind="neo4j", version="?", server="?", uri=uri, database="neo4j")
    with Graph(driver, "neo4j", info) as gone:
        assert ping(gone) is False
