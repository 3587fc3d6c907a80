// The live stock loadouts of these units (a unit has at most one).
// @param unit_ids: Unit ids
// @tenancy: resolved
// @example: {"unit_ids": ["atlas-as7-d"]}
MATCH (u:Unit)-[:HAS_LOADOUT]->(l:Loadout)
WHERE u.id IN $unit_ids AND l.is_stock = true AND l.deleted_at IS NULL
RETURN u.id AS unit_id, l.id AS id
