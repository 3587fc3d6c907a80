"""The backup tests' fixtures: the store's (a migrated graph with a small catalog), the
tenants' (two tenants over a shared catalog), and a second local engine to restore into."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graphstore import EngineSettings, Graph, LocalEngine, connect
from tests.store.conftest import catalog, store
from tests.tenancy.conftest import tenants

__all__ = ["catalog", "store", "target", "tenants"]


@pytest.fixture(scope="session")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    """A second local engine in its own home: where backups are restored."""
    settings = EngineSettings(home=tmp_path_factory.mktemp("restore-home"))
    engine = LocalEngine(settings)
    engine.start()
    try:
        with connect(engine_settings=settings) as graph:
            yield graph
    finally:
        engine.stop()
