"""Calculated properties of a loadout, stored with how they were computed.

Each is a (:Calculation) node hung off its loadout by HAS_CALCULATION, carrying the value,
`computed_at`, `inputs_hash` (sha256 of the inputs read) and `formula_version`. The values
are the budget rules' own sums (cypher/rules/fragments/loadout_sums), so a calculation and a
rule never disagree. Writes that change an input (mounts, an item's tonnage/heat/BV/heat
dissipation/is_weapon, the unit's heat sinks or dissipation) set `stale = true` in the same
transaction; `compute()` or `graphstore check --repair` refresh.

The unit's construction weights (graphstore.store.construction: the rules pack's TechManual
tables) are calculations too, one per component plus their sum, each with the `inputs` it
was computed from; a weight whose inputs are unknown is stored with value null.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from graphstore.errors import NotFoundError
from graphstore.store.claims import claim
from graphstore.store.construction import COMPONENTS, Design, structural_weight, weights
from graphstore.store.convert import plain
from graphstore.store.enums import heat_per_sink
from graphstore.store.models import CalculationPublic
from graphstore.store.scope import Runner, run, run_one

FORMULA_VERSION = "3"
CONSTRUCTION_PREFIX = "construction_"
STRUCTURAL_WEIGHT = "structural_weight"
NAMES = (
    "battle_value",
    "heat_balance",
    "total_tonnage",
    *(CONSTRUCTION_PREFIX + component for component in COMPONENTS),
    STRUCTURAL_WEIGHT,
)


def evaluate(sums: dict[str, Any]) -> dict[str, float]:
    """Formula version 2: the loadout's sums as the budget rules count them
    (cypher/rules/fragments/loadout_sums: one item per mount, quantity multiplies nothing).

    battle_value  = Σ item BV
    total_tonnage = Σ item tonnage
    heat_balance  = dissipation - weapon heat (what heat_balance judges; negative: overheats)
    """
    return {
        "battle_value": float(sums["battle_value"]),
        "total_tonnage": round(float(sums["tonnage"]), 3),
        "heat_balance": float(sums["dissipation"]) - float(sums["weapon_heat"]),
    }


def construction(design: Design) -> dict[str, tuple[float | None, dict[str, Any]]]:
    """Formula version 3: each construction weight and its inputs, and their sum."""
    found = weights(design)
    rows: dict[str, tuple[float | None, dict[str, Any]]] = {
        CONSTRUCTION_PREFIX + name: (weight.tons, weight.inputs) for name, weight in found.items()
    }
    rows[STRUCTURAL_WEIGHT] = (structural_weight(design), {"components": list(COMPONENTS)})
    return rows


def inputs_hash(row: dict[str, Any]) -> str:
    """sha256 of every value the sums were computed from (mount order does not matter)."""
    canonical = json.dumps(
        {
            "items": sorted(json.dumps(i, default=str) for i in row["items"]),
            "unit": row["unit_inputs"],
            "design": row["design"],
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def read_sums(tx: Runner, loadout_id: str) -> dict[str, Any]:
    row = run_one(tx, "store/loadout_sums", loadout_id=loadout_id, heat_per_sink=heat_per_sink())
    if row is None:
        raise NotFoundError("Loadout", loadout_id)
    return row


def compute_in(tx: Runner, loadout_id: str) -> None:
    # Claimed, so that the loadout is not deleted (leaving these orphaned) while they land;
    # the claim sees only what the scope does: another tenant's loadout is not found.
    if loadout_id not in claim(tx, "Loadout", [loadout_id]):
        raise NotFoundError("Loadout", loadout_id)
    row = read_sums(tx, loadout_id)
    digest = inputs_hash(row)
    rows = [
        {"id": f"{loadout_id}/{name}", "name": name, "value": value, "inputs": None}
        for name, value in evaluate(row["sums"]).items()
    ]
    rows += [
        {
            "id": f"{loadout_id}/{name}",
            "name": name,
            "value": value,
            "inputs": json.dumps(inputs, sort_keys=True),
        }
        for name, (value, inputs) in construction(Design.of(row["design"])).items()
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
