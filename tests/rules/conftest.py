"""Fixtures for the rules tests: a migrated empty graph and a spec builder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graphstore import Graph, RulesEngine
from graphstore.migrations import migrate
from testkit.graph_spec import GraphSpec, build, clear_domain


@pytest.fixture
def migrated(graph: Graph) -> Graph:
    migrate(graph)
    return graph


@pytest.fixture
def engine(migrated: Graph) -> RulesEngine:
    return RulesEngine(migrated)


@pytest.fixture
def load(migrated: Graph) -> Callable[[GraphSpec], None]:
    """Replaces the graph's data with the spec (the schema stays)."""

    def _load(spec: GraphSpec) -> None:
        clear_domain(migrated)
        build(migrated, spec)

    return _load
