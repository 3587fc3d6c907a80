"""The shared corpus (800 real BattleMechs): counts checked against the raw JSON, idempotence,
incremental re-import and a kill -9 in the middle of an import.

Two full imports run once for the module; the incremental and kill tests add two more.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graphstore import EngineSettings, Graph, ImportReport, graph_hash, import_megamek
from tests.importer.conftest import q, reset

_BIPED = {"HEAD", "CENTER_TORSO", "LEFT_TORSO", "RIGHT_TORSO", "LEFT_ARM", "RIGHT_ARM"}
_LOCATIONS = {
    "Biped": _BIPED | {"LEFT_LEG", "RIGHT_LEG"},
    "Quad": (_BIPED - {"LEFT_ARM", "RIGHT_ARM"})
    | {"FRONT_LEFT_LEG", "FRONT_RIGHT_LEG", "REAR_LEFT_LEG", "REAR_RIGHT_LEG"},
}


@dataclass
class CorpusRun:
    root: Path
    first: ImportReport
    first_hash: str
    second: ImportReport
    second_hash: str


@dataclass
class Expected:
    """Counts computed straight from the raw JSON, without the importer's code."""

    catalog_ids: set[str]
    duplicate_ids: set[str]
    units: int
    mounts: int
    exact: int
    mapping: int


def _expected(root: Path) -> Expected:
    sources: Counter[str] = Counter()
    for path in (root / "equipment").rglob("*.json"):
        if path.name in {"name-mappings.json", "index.json"}:
            continue
        for entry in json.loads(path.read_text())["items"]:
            sources[entry["id"]] += 1
    catalog = set(sources)
    raw_mappings = json.loads((root / "equipment" / "name-mappings.json").read_text())
    mappings = {k: v for k, v in raw_mappings.get("mappings", {}).items()}
    mappings.update({k: v for k, v in raw_mappings.items() if isinstance(v, str)})
    units = mounts = exact = mapping = 0
    for path in (root / "units").rglob("*.json"):
        document: dict[str, Any] = json.loads(path.read_text())
        units += 1
        allowed = _LOCATIONS.get(document["configuration"], _LOCATIONS["Biped"])
        for entry in document["equipment"]:
            code = entry["location"].split(",")[0].removesuffix("_(R)")
            if code not in allowed:
                continue
            mounts += 1
            if entry["id"] in catalog:
                exact += 1
            elif mappings.get(entry["id"]) in catalog:
                mapping += 1
    duplicates = {i for i, n in sources.items() if n > 1}
    return Expected(catalog, duplicates, units, mounts, exact, mapping)


@pytest.fixture(scope="module")
def corpus_copy(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy, so the incremental test can edit a unit file."""
    root = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(corpus, root)
    return root


@pytest.fixture(scope="module")
def corpus_run(session_graph: Graph, corpus_copy: Path) -> CorpusRun:
    graph = reset(session_graph)
    first = import_megamek(graph, corpus_copy)
    first_hash = graph_hash(graph)
    second = import_megamek(graph, corpus_copy)
    return CorpusRun(corpus_copy, first, first_hash, second, graph_hash(graph))


@pytest.fixture(scope="module")
def expected(corpus_copy: Path) -> Expected:
    return _expected(corpus_copy)


def test_every_unit_and_item_imports(corpus_run: CorpusRun, expected: Expected) -> None:
    counts = corpus_run.first.counts
    assert counts.units_imported == expected.units == 800
    assert counts.equipment_imported == len(expected.catalog_ids)
    assert counts.mounts_total == expected.mounts
    assert corpus_run.first.errors == []  # nothing the corpus holds fails to import
    # Noted, not refused: empty equipment lists and designs over their own tonnage.
    assert {w.field for w in corpus_run.first.warnings} <= {"equipment", "free_tonnage"}


def test_report_counts_match_the_raw_json(corpus_run: CorpusRun, expected: Expected) -> None:
    counts = corpus_run.first.counts
    assert counts.mounts_resolved.exact == expected.exact
    assert counts.mounts_resolved.mapping == expected.mapping
    rest = expected.mounts - expected.exact - expected.mapping
    assert counts.mounts_resolved.normalized + counts.mounts_unresolved == rest
    assert counts.mounts_resolved.total + counts.mounts_unresolved == counts.mounts_total
    unresolved = corpus_run.first.unresolved
    assert sum(entry.count for entry in unresolved.values()) == counts.mounts_unresolved
    assert not set(unresolved) & expected.catalog_ids
    assert all(len(entry.candidates) != 1 for entry in unresolved.values())
    assert {d.id for d in corpus_run.first.duplicates} == expected.duplicate_ids
    assert all(
        len(d.sources) >= 2 and d.winner == d.sources[0] for d in corpus_run.first.duplicates
    )


def test_the_graph_holds_what_the_report_counts(
    corpus_run: CorpusRun, session_graph: Graph
) -> None:
    if graph_hash(session_graph) != corpus_run.second_hash:
        pytest.skip("another test changed the corpus graph")
    counts = corpus_run.first.counts
    stats = session_graph.read(q("stats"))[0]
    assert stats["units"] == stats["stock_loadouts"] == stats["has_loadout"] == 800
    assert stats["equipment"] == counts.equipment_imported
    assert stats["mounts"] == counts.mounts_total
    assert stats["unresolved_mounts"] == counts.mounts_unresolved
    assert stats["placeholders"] == len(corpus_run.first.unresolved)
    assert stats["locations"] == 800 * 8


def test_a_second_import_changes_nothing(corpus_run: CorpusRun, session_graph: Graph) -> None:
    assert corpus_run.second.counts == corpus_run.first.counts
    assert corpus_run.second.unresolved == corpus_run.first.unresolved
    assert corpus_run.second_hash == corpus_run.first_hash
    assert corpus_run.second.duration_s < corpus_run.first.duration_s


def test_one_changed_unit_file_touches_only_that_unit(
    corpus_run: CorpusRun, session_graph: Graph
) -> None:
    path = sorted((corpus_run.root / "units").rglob("*.json"))[0]
    original = path.read_text()
    document = json.loads(original)
    document["model"] += " (refit)"
    document["equipment"].append({"id": "medium-laser", "location": "HEAD"})
    before = {row["id"]: row["version"] for row in session_graph.read(q("versions"))}
    path.write_text(json.dumps(document))
    try:
        report = import_megamek(session_graph, corpus_run.root)
    finally:
        path.write_text(original)
    after = {row["id"]: row["version"] for row in session_graph.read(q("versions"))}
    changed = {key for key in after if after[key] != before.get(key)}
    assert changed == {document["id"], f"{document['id']}.stock"}
    assert after[document["id"]] == before[document["id"]] + 1
    assert report.counts.mounts_total == corpus_run.first.counts.mounts_total + 1
    assert report.counts.units_imported == corpus_run.first.counts.units_imported
    restored = import_megamek(session_graph, corpus_run.root)
    assert restored.counts == corpus_run.first.counts


def _unit_count(graph: Graph) -> int:
    return int(graph.read(q("stats"))[0]["units"])


@pytest.mark.slow
def test_kill_9_mid_import_then_rerun_equals_one_clean_run(
    corpus_run: CorpusRun, session_graph: Graph, engine_settings: EngineSettings
) -> None:
    graph = reset(session_graph)
    env = {**os.environ, "GRAPHSTORE_HOME": str(engine_settings.home)}
    if os.environ.get("GRAPHSTORE_TEST_URI"):
        env["NEO4J_URI"] = os.environ["GRAPHSTORE_TEST_URI"]
    command = [sys.executable, "-m", "graphstore", "import", "megamek", str(corpus_run.root)]
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while _unit_count(graph) < 100 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    partial = _unit_count(graph)
    assert 0 < partial < 800, "the kill did not land in the middle of the import"
    report = import_megamek(graph, corpus_run.root)
    assert report.counts == corpus_run.first.counts
    assert graph_hash(graph) == corpus_run.first_hash
