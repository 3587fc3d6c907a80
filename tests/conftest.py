"""The test harness: one local engine per session, an empty graph per test.

GRAPHSTORE_TEST_URI (with NEO4J_USER / NEO4J_PASSWORD) points the whole suite at a real
Neo4j instead of the local engine.

Property and fuzz tests are repeatable: pytest runs them with a fixed seed
(`--hypothesis-seed`, pyproject's addopts) and replays the stored examples in
tests/hypothesis-examples without ever writing there (the `repeatable` profile). `make fuzz`
picks new seeds with the `fuzz` profile, which saves what fails into that folder: commit
it, and add the case as a regression test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase, ReadOnlyDatabase

from graphstore import EngineSettings, Graph, LocalEngine, connect
from graphstore.importer import load_demo
from graphstore.migrations import migrate
from testkit import wipe

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
EXAMPLES = DirectoryBasedExampleDatabase(REPO_ROOT / "tests" / "hypothesis-examples")

settings.register_profile("repeatable", database=ReadOnlyDatabase(EXAMPLES), print_blob=True)
settings.register_profile("fuzz", database=EXAMPLES, print_blob=True)
settings.load_profile("repeatable")


SERIAL_MODULES = (
    "tests/api/test_cost_limits.py",
    "tests/api/test_slow_clients.py",
    "tests/backup/test_restore_gate.py",
    "tests/backup/test_tenant_race.py",
    "tests/concurrency/test_engine_restart.py",
    "tests/explore/test_pool.py",
    "tests/importer/test_corpus.py",
    "tests/migrations/test_processes.py",
    "tests/test_engine.py",
    "tests/test_quirks.py",
    "tests/test_wheel.py",
)
"""Modules whose tests bound a time (a restart noticed within seconds, a query stopped in
time, a mark seen within 0.6 s). `make test` runs the rest on both cores (pytest-xdist) and
these alone afterwards: a second worker's load made one of them miss its bound (measured),
and a test must pass or fail the same way every run."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.relative_to(REPO_ROOT).as_posix() in SERIAL_MODULES:
            item.add_marker(pytest.mark.serial)


@pytest.fixture(scope="session")
def engine_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("graphstore-home")


@pytest.fixture(scope="session")
def engine_settings(engine_home: Path) -> EngineSettings:
    return EngineSettings(home=engine_home)


@pytest.fixture(scope="session")
def session_graph(engine_settings: EngineSettings) -> Iterator[Graph]:
    test_uri = os.environ.get("GRAPHSTORE_TEST_URI")
    if test_uri:
        with connect(test_uri) as graph:
            yield graph
        return
    engine = LocalEngine(engine_settings)
    engine.start()
    try:
        with connect(engine_settings=engine_settings) as graph:
            yield graph
    finally:
        engine.stop()


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """An empty graph with no constraints or indexes."""
    wipe.clear_data(session_graph)
    wipe.drop_schema(session_graph)
    return session_graph


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="module")
def demo_graph(session_graph: Graph) -> Graph:
    """The demo data set, loaded once per module. Tests that write make their own entities."""
    wipe.clear_data(session_graph)
    wipe.drop_schema(session_graph)
    migrate(session_graph)
    load_demo(session_graph)
    return session_graph
