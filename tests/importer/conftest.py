"""Fixtures for the importer tests: a migrated empty graph and small megamek-web data sets."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graphstore import Graph, Query
from graphstore.migrations import migrate
from testkit import wipe


@pytest.fixture
def migrated(graph: Graph) -> Graph:
    migrate(graph)
    return graph


def reset(graph: Graph) -> Graph:
    """An empty, migrated graph, for module-scoped fixtures that cannot use `graph`."""
    wipe.clear_data(graph)
    wipe.drop_schema(graph)
    migrate(graph)
    return graph


WriteJson = Callable[[str, Any], Path]


@pytest.fixture
def write_json(tmp_path: Path) -> WriteJson:
    """Writes a document (or raw text) under tmp_path/data and returns the data root."""
    root = tmp_path / "data"

    def _write(relative: str, document: Any) -> Path:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = document if isinstance(document, str) else json.dumps(document)
        path.write_text(text, encoding="utf-8")
        return root

    return _write


def item(item_id: str, name: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": item_id,
        "name": name,
        "techBase": "INNER_SPHERE",
        "rulesLevel": "STANDARD",
        "weight": 1,
        "criticalSlots": 1,
        "introductionYear": 3000,
        "battleValue": 10,
    }
    return {**base, **fields}


def biped_slots(**overrides: list[str | None]) -> dict[str, list[str | None]]:
    arm = ["Shoulder", "Upper Arm Actuator", "Lower Arm Actuator", "Hand Actuator"] + [None] * 8
    leg = ["Hip", "Upper Leg Actuator", "Lower Leg Actuator", "Foot Actuator", None, None]
    torso: list[str | None] = [None] * 12
    slots = {
        "HEAD": ["Life Support", "Sensors", "Cockpit", None, "Sensors", "Life Support"],
        "CENTER_TORSO": ["Fusion Engine"] * 3 + ["Gyro"] * 4 + ["Fusion Engine"] * 3 + [None] * 2,
        "LEFT_TORSO": list(torso),
        "RIGHT_TORSO": list(torso),
        "LEFT_ARM": list(arm),
        "RIGHT_ARM": list(arm),
        "LEFT_LEG": list(leg),
        "RIGHT_LEG": list(leg),
    }
    slots.update(overrides)
    return slots


def unit(unit_id: str, equipment: list[tuple[str, str]], **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": unit_id,
        "chassis": "Test",
        "model": unit_id.upper(),
        "unitType": "BattleMech",
        "configuration": "Biped",
        "techBase": "INNER_SPHERE",
        "rulesLevel": "STANDARD",
        "era": "CLAN_INVASION",
        "year": 3050,
        "tonnage": 50,
        "engine": {"type": "FUSION", "rating": 200},
        "heatSinks": {"type": "DOUBLE", "count": 10},
        "movement": {"walk": 4, "jump": 0},
        "equipment": [{"id": i, "location": loc} for i, loc in equipment],
        "criticalSlots": biped_slots(),
        "source": "test",
    }
    return {**base, **fields}


_QUERIES = Path(__file__).parent / "queries"


def q(name: str) -> Query:
    """A test-support query from tests/importer/queries/<name>.cypher."""
    text = (_QUERIES / f"{name}.cypher").read_text(encoding="utf-8")
    return Query(f"tests/importer/{name}", text, "test support")
