"""`graphstore index advise` at a few thousand units: every request-path query is planned
with its own @example, and none scans a label without saying why (@scan)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import scale_corpus
from graphstore import Graph, import_megamek, queries
from graphstore.index_advice import advise, request_path_queries
from graphstore.migrations import migrate

from .conftest import CORPUS

UNITS = 3000
PLANS = Path(__file__).parent / "plans"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fleet(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Graph:
    from testkit import wipe

    wipe.clear_data(session_graph)
    wipe.drop_schema(session_graph)
    migrate(session_graph)
    corpus = tmp_path_factory.mktemp("fleet")
    scale_corpus.build(CORPUS, corpus, UNITS)
    import_megamek(session_graph, corpus)
    return session_graph


def test_no_request_path_query_scans_a_label_without_saying_why(fleet: Graph) -> None:
    found = {advice.query: advice for advice in advise(fleet)}
    assert set(found) == set(request_path_queries())
    unexplained = {name: a.scans for name, a in found.items() if a.needs_attention}
    assert unexplained == {}
    # What the index serves: lookups by id, the calculations of a loadout (V004).
    for name in ("store/unit_get", "store/loadout_get", "store/calculation_list"):
        assert found[name].verdict == "index", (name, found[name])
    marked = [a for a in found.values() if a.verdict == "scan (marked)"]
    assert all(a.reason for a in marked)


def test_an_unexplained_scan_is_caught_with_the_index_that_would_serve_it(fleet: Graph) -> None:
    (advice,) = advise(fleet, [queries.load_from(PLANS, "unindexed_role_lookup")])
    assert advice.verdict == "scan"
    assert advice.proposals == [("Unit", "role")]


def test_the_cli_exits_zero_when_every_scan_is_explained(fleet: Graph, engine_home: Path) -> None:
    env = {**os.environ, "GRAPHSTORE_HOME": str(engine_home), "COLUMNS": "250"}
    env.pop("NEO4J_URI", None)
    advise_two = ["index", "advise", "store/unit_get", "store/equipment_list"]
    done = subprocess.run(
        [sys.executable, "-m", "graphstore", *advise_two],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "index: 1" in done.stdout
    assert "scan (marked): 1" in done.stdout
