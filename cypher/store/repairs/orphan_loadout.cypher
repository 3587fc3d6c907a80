// Re-links orphaned loadouts to the unit their unit_id names, when that unit exists.
// @tenancy: platform
MATCH (l:Loadout)
WHERE NOT EXISTS { (:Unit)-[:HAS_LOADOUT]->(l) }
MATCH (u:Unit {id: l.unit_id})
MERGE (u)-[:HAS_LOADOUT]->(l)
RETURN 'Loadout' AS label, l.id AS id, 're-linked to unit ' + u.id AS action
