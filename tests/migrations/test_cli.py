"""`graphstore migrate ...` and `graphstore schema diff` as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from graphstore import Graph


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRAPHSTORE_HOME": str(home), "COLUMNS": "200"}
    env.pop("NEO4J_URI", None)
    return subprocess.run(
        [sys.executable, "-m", "graphstore", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_migrate_commands_end_to_end(graph: Graph, engine_home: Path) -> None:
    dry = _cli(engine_home, "migrate", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "FOR ()-[r:MOUNTS]-() ON (r.mount_id);" in dry.stdout, "statements print verbatim"
    assert "dry run: 8 step(s), checks clean; nothing changed" in dry.stdout

    status = _cli(engine_home, "migrate", "status")
    assert status.stdout.count("pending") == 8

    applied = _cli(engine_home, "migrate", "--target", "1")
    assert "applied V001__domain_constraints.cypher; schema version 1" in applied.stdout
    assert _cli(engine_home, "migrate").returncode == 0
    assert _cli(engine_home, "migrate", "validate").stdout.strip() == "migrations valid"
    assert _cli(engine_home, "schema", "diff").returncode == 0

    rolled = _cli(engine_home, "migrate", "rollback", "--to", "0")
    assert (
        "rolled back U008__idempotent_requests.cypher, U007__read_model_log.cypher, "
        "U006__tenants.cypher, "
        "U005__version_history.cypher, "
        "U004__index_calculation_entity_id.cypher, "
        "U003__url_safe_ids_and_provenance.cypher, U002__search_indexes.cypher, "
        "U001__domain_constraints.cypher"
    ) in " ".join(rolled.stdout.split())
    refused = _cli(engine_home, "migrate", "baseline", "3")
    assert refused.returncode == 1
    assert "already has a migration history" in refused.stderr
