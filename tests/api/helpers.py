"""What the API tests share: the problem+json check and a valid new unit."""

from __future__ import annotations

from typing import Any

PROBLEM = "application/problem+json"


def problem(response: Any, status: int) -> dict[str, Any]:
    """The problem body of `response`, after checking its status and media type."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def new_unit(unit_id: str, **fields: Any) -> dict[str, Any]:
    """A valid UnitCreate body; `fields` override or add."""
    return {
        "id": unit_id,
        "chassis": "Test",
        "model": "T-1",
        "unit_type": "BattleMech",
        "tonnage": 50,
        "tech_base": "INNER_SPHERE",
        "rules_level": "STANDARD",
        "era": "SUCCESSION_WARS",
        "year": 3025,
        **fields,
    }
