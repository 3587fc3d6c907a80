"""Every benchmark still runs end to end, at a tiny scale, so `make bench` cannot rot unseen.

The figures are meaningless at this size; what is checked is that each run finishes and
writes its JSON with the keys README quotes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from testkit.served_api import free_port

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo"

pytestmark = pytest.mark.slow


def _run(module: str, out: Path, *arguments: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", module, "--out", str(out), *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(out.read_text())
    return result


def test_rules_benchmark_runs(tmp_path: Path) -> None:
    result = _run(
        "benchmarks.rules",
        tmp_path / "rules.json",
        *("--units", "30", "--mounts", "6", "--calls", "5", "--compatible-calls", "2"),
    )
    assert {"validate_single", "validate_all", "compatible_equipment"} <= result.keys()


def test_importer_benchmark_runs(tmp_path: Path) -> None:
    result = _run("benchmarks.importer", tmp_path / "import.json", "--corpus", str(DEMO))
    assert result["same_counts_in_baseline"] is True
    assert isinstance(result["ratio_importer_to_baseline"], float)


def test_api_benchmark_runs(tmp_path: Path) -> None:
    result = _run(
        "benchmarks.api",
        tmp_path / "api.json",
        *("--corpus", str(DEMO), "--requests", "5", "--port", str(free_port())),
    )
    assert result["cases"]


def test_writes_benchmark_runs(tmp_path: Path) -> None:
    result = _run(
        "benchmarks.writes", tmp_path / "writes.json", *("--count", "3", "--repeats", "1")
    )
    assert set(result["median"]["new"]) == {  # type: ignore[index]
        "create_unit",
        "update_unit",
        "add_mount",
        "create_loadout",
        "upsert_many",
        "delete",
    }


def test_scale_and_load_benchmarks_run(tmp_path: Path) -> None:
    home = tmp_path / "scale-home"
    scale = _run(
        "benchmarks.scale",
        tmp_path / "scale.json",
        *("--units", "120", "--calls", "3", "--home", str(home), "--backup"),
    )
    imported = scale["import"]["units"]  # type: ignore[index]
    assert scale["backup"]["same_graph_hash"] is True  # type: ignore[index]
    assert 100 <= imported <= 120  # the corpus has some duplicate ids
    assert {"unit_list_has_equipment", "health_http", "http_overhead_unit_get"} <= set(
        scale["reads"]  # type: ignore[arg-type]
    )
    validation = scale["batch_validation"]
    assert validation["cold"]["loadouts"] == imported  # type: ignore[index]
    assert validation["cold"]["reused"] == 0  # type: ignore[index]
    # The import wrote every loadout within the read model's overlap window, so the cold
    # run stores no verdict here (tests/readmodel/test_verdicts.py checks the reuse).
    assert validation["warm"]["errors"] == validation["cold"]["errors"]  # type: ignore[index]
    assert {"unit_list_filtered_sorted_page3_cypher", "read_model_rebuild"} <= set(
        scale["reads"]  # type: ignore[arg-type]
    )
    load = _run(
        "benchmarks.load",
        tmp_path / "load.json",
        *("--units", "120", "--clients", "4", "--seconds", "3", "--home", str(home)),
    )
    assert load["server_errors"] == 0
    assert load["lost_increments"] == 0
    assert load["burst"]["statuses"] == {"200": load["burst"]["requests"]}
    assert load["lost_creates"] == 0
    assert load["bulk_upsert_many"]["units"] > 0  # type: ignore[index]


def test_history_benchmark_runs(tmp_path: Path) -> None:
    result = _run(
        "benchmarks.history", tmp_path / "history.json", "--edits", "40", "--updates", "20"
    )
    storage = result["storage"]
    assert isinstance(storage, dict)
    assert storage["versions"] == 41
    assert storage["stored_bytes_per_version"] < storage["full_snapshot_bytes_per_version"]
    overhead = result["write_overhead"]
    assert isinstance(overhead, dict)
    assert {"loadout_update", "add_mount", "unit_update"} <= overhead.keys()


def test_backup_benchmark_runs(tmp_path: Path) -> None:
    from graphstore import EngineSettings, LocalEngine, connect
    from graphstore.importer import load_demo
    from graphstore.migrations import migrate

    home = tmp_path / "home"
    engine = LocalEngine(EngineSettings(home=home))
    engine.start()
    try:
        with connect(engine_settings=engine.settings) as graph:
            migrate(graph)
            load_demo(graph)
    finally:
        engine.stop()
    result = _run(
        "benchmarks.backup", tmp_path / "backup.json", "--home", str(home), "--skip-corpus"
    )
    at_scale = result["at_scale"]
    assert isinstance(at_scale, dict)
    assert at_scale["same_graph_hash"] is True
    assert at_scale["verify_ok"] is True

    paths = _run("benchmarks.read_paths", tmp_path / "read.json", "--home", str(home))
    graph = paths["graph"]
    assert isinstance(graph, dict)
    assert graph["nodes"] > 0
    assert graph["relationships"] > 0
    for name in ("bolt_rows", "bolt_pages", "backup_records", "engine_json"):
        measured = paths[name]
        assert isinstance(measured, dict)
        assert measured["nodes"]["rows"] > 0, name
        assert measured["whole_graph_s"] is not None, name
    # The demo's units were written through the store: their versions carry timestamps.
    assert paths["bolt_rows"]["nodes"]["temporal_values"] > 0


def test_truth_benchmark_runs(tmp_path: Path) -> None:
    result = _run("benchmarks.truth", tmp_path / "truth.json", "--corpus", str(DEMO))
    weights, imported = result["weights"], result["import"]
    assert isinstance(weights, dict)
    assert isinstance(imported, dict)
    assert result["stock_designs"] == weights["designs"] > 0
    assert {"seconds", "mounts_per_s", "corrections"} <= imported.keys()
    assert "designs_by_rule_and_cause" in result


def test_tenancy_benchmark_runs(tmp_path: Path) -> None:
    result = _run(
        "benchmarks.tenancy",
        tmp_path / "tenancy.json",
        "--corpus",
        str(DEMO),
        "--rounds",
        "1",
        "--isolation-operations",
        "30",
    )
    overhead, isolation = result["overhead"], result["isolation"]
    assert isinstance(overhead, dict)
    assert isinstance(isolation, dict)
    assert overhead["ratio_geometric_mean"] > 0
    assert "write: create unit" in overhead["operations"]
    assert isolation["passed"] is True
    assert isolation["steps_run"] >= 30
