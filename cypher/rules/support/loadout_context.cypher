// For each requested loadout: whether it exists and is soft-deleted, its unit, and the
// accepted-violation records (overrides) held by the loadout or by its unit.
// @param loadout_ids: list of loadout ids
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"loadout_ids": ["atlas-as7-d.stock"]}
UNWIND $loadout_ids AS loadout_id
MATCH (loadout:Loadout {id: loadout_id})
WHERE (loadout.tenant IS NULL OR loadout.tenant = $tenant)
OPTIONAL MATCH (unit:Unit)-[:HAS_LOADOUT]->(loadout)
RETURN loadout.id AS loadout_id, loadout.deleted_at IS NOT NULL AS deleted, unit.id AS unit_id,
  COLLECT {
    MATCH (loadout)-[:HAS_OVERRIDE]->(accepted:AcceptedViolation)
    RETURN {
      id: accepted.id, holder: 'Loadout', rule: accepted.rule,
      equipment_id: accepted.equipment_id, reason: accepted.reason,
      accepted_by: accepted.accepted_by, accepted_at: accepted.accepted_at
    } AS override
    UNION ALL
    MATCH (unit)-[:HAS_OVERRIDE]->(accepted:AcceptedViolation)
    RETURN {
      id: accepted.id, holder: 'Unit', rule: accepted.rule,
      equipment_id: accepted.equipment_id, reason: accepted.reason,
      accepted_by: accepted.accepted_by, accepted_at: accepted.accepted_at
    } AS override
  } AS overrides
