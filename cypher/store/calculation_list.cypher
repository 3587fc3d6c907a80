// The stored calculations of one entity, by name.
// @param entity_id: the Loadout (or Unit) id
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"entity_id": "atlas-as7-d.stock"}
MATCH (calc:Calculation {entity_id: $entity_id})
WHERE EXISTS { MATCH (l:Loadout {id: $entity_id}) WHERE (l.tenant IS NULL OR l.tenant = $tenant) }
   OR EXISTS { MATCH (u:Unit {id: $entity_id}) WHERE (u.tenant IS NULL OR u.tenant = $tenant) }
RETURN calc {.id, .entity_id, .name, .value, .inputs, .computed_at, .inputs_hash,
  .formula_version, .stale} AS calculation
ORDER BY calc.name
