"""Calculated properties of a loadout, stored with how they were computed.

Each is a (:Calculation) node hung off its loadout by HAS_CALCULATION, carrying the value,
`computed_at`, `inputs_hash` (sha256 of the inputs read) and `formula_version`. Writes that
change an input (mounts, an item's tonnage/heat/BV, the unit's heat dissipation) set
`stale = true` in the same transaction; `compute()` or `graphstore check --repair` refresh.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from graphstore.errors import NotFoundError
from graphstore.store.claims import claim
from graphstore.store.convert import plain
from graphstore.store.models import CalculationPublic
from graphstore.store.scope import Runner, run, run_one

FORMULA_VERSION = "1"
NAMES = ("battle_value", "heat_balance", "total_tonnage")


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def evaluate(inputs: dict[str, Any]) -> dict[str, float]:
    """Formula version 1: sums over mounts, each item counted `quantity` times.

    battle_value  = Σ item BV
    total_tonnage = Σ item tonnage
    heat_balance  = unit heat dissipation + Σ item heat dissipation - Σ item heat
    """
    mounts = inputs["mounts"]

    def total(key: str) -> float:
        return sum(_number(m.get(key)) * int(m.get("quantity") or 1) for m in mounts)

    return {
        "battle_value": total("battle_value"),
        "total_tonnage": round(total("tonnage"), 3),
        "heat_balance": _number(inputs.get("unit_heat_dissipation"))
        + total("heat_dissipation")
        - total("heat"),
    }


def inputs_hash(inputs: dict[str, Any]) -> str:
    canonical = json.dumps(
        {
            "unit_heat_dissipation": inputs.get("unit_heat_dissipation"),
            "mounts": sorted(json.dumps(m, sort_keys=True, default=str) for m in inputs["mounts"]),
        },
        sort_keys=True,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def read_inputs(tx: Runner, loadout_id: str) -> dict[str, Any]:
    row = run_one(tx, "store/calculation_inputs", loadout_id=loadout_id)
    if row is None:
        raise NotFoundError("Loadout", loadout_id)
    return {"unit_heat_dissipation": row["unit_heat_dissipation"], "mounts": row["mounts"]}


def compute_in(tx: Runner, loadout_id: str) -> None:
    # Claimed, so that the loadout is not deleted (leaving these orphaned) while they land.
    claim(tx, "Loadout", [loadout_id])
    inputs = read_inputs(tx, loadout_id)
    digest = inputs_hash(inputs)
    rows = [
        {"id": f"{loadout_id}/{name}", "name": name, "value": value}
        for name, value in evaluate(inputs).items()
    ]
    run(
        tx,
        "store/calculation_upsert",
        loadout_id=loadout_id,
        rows=rows,
        inputs_hash=digest,
        formula_version=FORMULA_VERSION,
        now=datetime.now(UTC),
    )


def list_in(tx: Runner, loadout_id: str) -> list[CalculationPublic]:
    rows = run(tx, "store/calculation_list", entity_id=loadout_id)
    return [CalculationPublic.model_validate(plain(row["calculation"])) for row in rows]
