"""API fixtures: the demo data set on the real local engine, served by an in-process app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph
from graphstore.importer import load_demo
from graphstore.migrations import migrate
from testkit import wipe


@pytest.fixture(scope="module")
def demo_graph(session_graph: Graph) -> Graph:
    """The demo data set, loaded once per module. Tests that write make their own entities."""
    wipe.clear_data(session_graph)
    wipe.drop_schema(session_graph)
    migrate(session_graph)
    load_demo(session_graph)
    return session_graph


@pytest.fixture(scope="module")
def client(demo_graph: Graph) -> Iterator[TestClient]:
    with TestClient(create_app(demo_graph, ApiSettings(api_key=None))) as test_client:
        yield test_client
