// Stores a loadout's calculated values, fresh: value, when, from which inputs, by which
// formula version.
// @param loadout_id: the Loadout id
// @param rows: [{id, name, value, inputs}]; inputs: JSON of what a construction weight was computed from, or null
// @param inputs_hash: sha256 of the inputs read
// @param formula_version: the formula version used
// @param now: the computation time
// @tenancy: resolved
// @example: {"loadout_id": "atlas-as7-d.stock", "rows": [{"id": "total_tonnage", "name": "total_tonnage", "value": 1.0, "inputs": null}], "inputs_hash": "0000000000000000000000000000000000000000000000000000000000000000", "formula_version": "1", "now": "2026-11-30T12:00:00Z"}
MATCH (l:Loadout {id: $loadout_id})
UNWIND $rows AS row
MERGE (calc:Calculation {id: row.id})
SET calc.entity_id = $loadout_id, calc.name = row.name, calc.value = row.value,
  calc.inputs = row.inputs,
  calc.computed_at = $now, calc.inputs_hash = $inputs_hash,
  calc.formula_version = $formula_version, calc.stale = false
MERGE (l)-[:HAS_CALCULATION]->(calc)
RETURN count(calc) AS stored
