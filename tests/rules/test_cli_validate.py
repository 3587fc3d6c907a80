"""`graphstore validate` as a script runs it: output formats and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from graphstore import EngineSettings, GraphStore, connect
from graphstore.tenancy.tenants import create_tenant
from testkit.graph_spec import GraphSpec
from tests.rules.test_engine_api import workshop
from tests.store.conftest import unit

Load = Callable[[GraphSpec], None]


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRAPHSTORE_HOME": str(home), "COLUMNS": "200"}
    env.pop("NEO4J_URI", None)
    return subprocess.run(
        [sys.executable, "-m", "graphstore", "validate", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_validate_command_exit_codes_and_formats(load: Load, engine_home: Path) -> None:
    load(workshop())

    broken = _cli(engine_home, "--loadout", "clan-a")
    assert broken.returncode == 1, broken.stderr
    assert "tech_base" in broken.stdout
    assert "heat_balance" in broken.stdout

    clean = _cli(engine_home, "--loadout", "is-a", "--format", "json")
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout) == {"loadout_id": "is-a", "valid": True, "violations": []}

    everything = _cli(engine_home, "--all", "--format", "json")
    assert everything.returncode == 1, everything.stderr
    report = json.loads(everything.stdout)
    assert report["summary"]["loadouts"] == 3
    assert report["summary"]["by_rule"]["tech_base"]["errors"] == 1
    assert [r["loadout_id"] for r in report["loadouts"]] == ["clan-a"]

    table = _cli(engine_home, "--all", "--tech-base", "INNER_SPHERE")
    assert table.returncode == 0, table.stderr
    assert "0 of 1 loadout(s) have errors" in table.stdout

    assert _cli(engine_home).returncode == 2
    assert _cli(engine_home, "--all", "--loadout", "x").returncode == 2
    missing = _cli(engine_home, "--loadout", "nope")
    assert missing.returncode == 1
    assert "Loadout 'nope' does not exist" in missing.stderr


def test_validate_acts_in_the_tenant_it_is_given(load: Load, engine_home: Path) -> None:
    load(workshop())
    graph_store = _tenant_copy(engine_home)
    assert graph_store == "guild-w"
    unscoped = _cli(engine_home, "--loadout", "guild-clan-a")
    assert unscoped.returncode == 1
    assert "does not exist" in unscoped.stdout + unscoped.stderr
    scoped = _cli(engine_home, "--loadout", "guild-clan-a", "--tenant", "guild-w")
    assert scoped.returncode == 1, scoped.stderr  # its errors, found
    assert "tech_base" in scoped.stdout
    everything = _cli(engine_home, "--all", "--format", "json", "--tenant", "guild-w")
    summary = json.loads(everything.stdout)["summary"]
    assert summary["loadouts"] == 4, "the shared ones and the tenant's own"
    missing = _cli(engine_home, "--all", "--tenant", "nope")
    assert missing.returncode == 1
    assert "Tenant 'nope' does not exist" in missing.stderr


def _tenant_copy(home: Path) -> str:
    """A tenant with a CLAN unit of its own mounting an Inner Sphere laser (a tech-base
    error), written through the library."""
    with connect(engine_settings=EngineSettings(home=home)) as graph:
        create_tenant(graph, {"id": "guild-w"})
        guild = GraphStore(graph, tenant="guild-w")
        guild.units.create(unit("guild-mech", tech_base="CLAN"))
        guild.loadouts.create(
            {
                "id": "guild-clan-a",
                "unit_id": "guild-mech",
                "name": "Guild",
                "mounts": [{"equipment_id": "is-laser", "location": "RIGHT_ARM"}],
            }
        )
    return "guild-w"
