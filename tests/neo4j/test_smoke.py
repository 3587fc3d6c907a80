"""The same code path on a real Neo4j 5, started by testcontainers.

Skipped, with the reason, where no Docker engine is reachable.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graphstore import Graph, connect, health


def _docker_unavailable_reason() -> str | None:
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception as error:
        return f"no Docker engine reachable for testcontainers ({type(error).__name__})"
    return None


_REASON = _docker_unavailable_reason()
pytestmark = [pytest.mark.neo4j, pytest.mark.skipif(_REASON is not None, reason=_REASON or "")]


@pytest.fixture(scope="module")
def neo4j_graph() -> Iterator[Graph]:
    from testcontainers.neo4j import Neo4jContainer

    with (
        Neo4jContainer("neo4j:5-community") as container,
        connect(container.get_connection_url(), user="neo4j", password=container.password) as graph,
    ):
        yield graph


def test_connects_and_reports_neo4j(neo4j_graph: Graph) -> None:
    assert neo4j_graph.info.kind == "neo4j"
    assert neo4j_graph.info.version.startswith("5.")


def test_health_runs_the_same_named_queries(neo4j_graph: Graph) -> None:
    report = health(neo4j_graph)
    assert report.engine == "neo4j"
    assert report.nodes >= 0
