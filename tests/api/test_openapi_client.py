"""A client generated from /openapi.json parses what the API answers, problems included.

openapi-python-client generates a package in a temporary directory (any warning fails the
test: a duplicate or unresolvable model would show up as one), and the package is used
against the API served over HTTP for a success, a 404, a 409 and a 422.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from api.main import create_app
from graphstore import Graph
from testkit.served_api import Server

pytestmark = pytest.mark.slow

OPERATION_IDS = {
    "tenants_create", "tenants_list", "tenants_delete", "tenants_usage", "tenants_set_quotas",
    "tenants_extensions", "tenants_set_extensions",
    "tenants_keys_create", "tenants_keys_list", "tenants_keys_revoke",
    "health_liveness", "health_readiness", "health_details",
    "units_list", "units_create", "units_get", "units_update", "units_delete",
    "units_loadouts", "units_copy", "units_restore",
    "units_versions", "units_version", "units_version_diff",
    "loadouts_create", "loadouts_get", "loadouts_replace", "loadouts_update",
    "loadouts_delete", "loadouts_add_mount", "loadouts_remove_mount", "loadouts_clone",
    "loadouts_diff", "loadouts_restore", "loadouts_branch", "loadouts_merge",
    "loadouts_merge_preview", "loadouts_versions", "loadouts_version", "loadouts_version_diff",
    "validation_validate", "validation_compatible", "validation_validate_batch",
    "equipment_list", "equipment_create", "equipment_facets", "equipment_suggest",
    "equipment_get", "equipment_update", "equipment_delete", "equipment_restore",
    "equipment_mounted_in",
    "catalog_list", "catalog_create", "catalog_stats", "catalog_schema", "catalog_update",
    "catalog_delete", "catalog_restore",
    "explore_query", "explore_saved", "explore_picture",
    "bulk_apply",
}  # fmt: skip


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for path in schema["paths"].values() for op in path.values()]


def test_operation_ids_are_the_stable_readable_ones() -> None:
    ids = [op["operationId"] for op in _operations(create_app().openapi())]
    assert sorted(ids) == sorted(OPERATION_IDS)


def test_every_problem_response_refers_to_the_one_shared_schema() -> None:
    schema = create_app().openapi()
    for op in _operations(schema):
        for status, response in op["responses"].items():
            if int(status) < 400:
                continue
            [(media, body)] = response["content"].items()
            expected = "ValidationProblem" if status == "422" else "Problem"
            assert media == "application/problem+json"
            assert body["schema"] == {"$ref": f"#/components/schemas/{expected}"}
    assert {"Problem", "ValidationProblem", "FieldProblem"} <= schema["components"][
        "schemas"
    ].keys()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    where = tmp_path_factory.mktemp("client")
    spec = where / "openapi.json"
    spec.write_text(json.dumps(create_app().openapi()), encoding="utf-8")
    # A loadout picture (image/svg+xml) is, to a generated client, a file of bytes.
    config = where / "config.yaml"
    config.write_text("content_type_overrides:\n  image/svg+xml: application/octet-stream\n")
    tools = str(Path(sys.executable).parent)  # the generator and the ruff it formats with
    done = subprocess.run(
        [
            str(Path(tools) / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--config",
            str(config),
        ],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PATH": tools + os.pathsep + os.environ.get("PATH", "")},
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Warning" not in output, output
    [package] = [p for p in (where / "graphstore-client").iterdir() if p.name.endswith("_client")]
    sys.path.insert(0, str(package.parent))
    try:
        yield importlib.import_module(package.name)
    finally:
        sys.path.remove(str(package.parent))
        for name in [m for m in sys.modules if m.split(".")[0] == package.name]:
            del sys.modules[name]


def test_the_generated_client_parses_successes_and_problems(
    generated: ModuleType, demo_graph: Graph
) -> None:
    name = generated.__name__
    units_get = importlib.import_module(f"{name}.api.units.units_get")
    units_create = importlib.import_module(f"{name}.api.units.units_create")
    models = importlib.import_module(f"{name}.models")
    new_unit = {
        "id": "client-probe",
        "chassis": "Probe",
        "model": "P-1",
        "unit_type": "BattleMech",
        "tonnage": 20,
        "tech_base": "INNER_SPHERE",
        "rules_level": "STANDARD",
    }
    with Server(demo_graph) as server:
        client = generated.Client(base_url=server.url)
        found = units_get.sync(client=client, unit_id="hunchback-hbk-4g")
        assert isinstance(found, models.UnitPublic)
        assert found.chassis == "Hunchback"

        missing = units_get.sync(client=client, unit_id="no-such-unit")
        assert isinstance(missing, models.Problem)
        assert missing.status == 404

        created = units_create.sync(client=client, body=models.UnitCreate.from_dict(new_unit))
        assert isinstance(created, models.UnitPublic)
        taken = units_create.sync(client=client, body=models.UnitCreate.from_dict(new_unit))
        assert isinstance(taken, models.Problem)
        assert taken.status == 409

        invalid = units_create.sync(
            client=client, body=models.UnitCreate.from_dict({**new_unit, "id": "bad id"})
        )
        assert isinstance(invalid, models.ValidationProblem)
        assert invalid.errors[0].loc[-1] == "id"
        units_delete = importlib.import_module(f"{name}.api.units.units_delete")
        assert isinstance(
            units_delete.sync(client=client, unit_id="client-probe"), models.DeleteReport
        )
