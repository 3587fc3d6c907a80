"""Explorer fixtures: the demo data served by an in-process app (what the page talks to)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph


@pytest.fixture(scope="module")
def client(demo_graph: Graph) -> Iterator[TestClient]:
    with TestClient(create_app(demo_graph, ApiSettings(api_key=None))) as test_client:
        yield test_client
