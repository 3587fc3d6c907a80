// The stored calculations of one entity, by name.
// @param entity_id: the Loadout (or Unit) id
// @example: {"entity_id": "atlas-as7-d.stock"}
MATCH (calc:Calculation {entity_id: $entity_id})
RETURN calc {.id, .entity_id, .name, .value, .inputs, .computed_at, .inputs_hash,
  .formula_version, .stale} AS calculation
ORDER BY calc.name
