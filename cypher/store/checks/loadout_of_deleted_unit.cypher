// Live loadouts of a soft-deleted unit: a unit's soft delete takes its live loadouts with it.
// @severity: error
// @tenancy: platform
MATCH (u:Unit)-[:HAS_LOADOUT]->(l:Loadout)
WHERE u.deleted_at IS NOT NULL AND l.deleted_at IS NULL
RETURN 'Loadout' AS label, l.id AS id, 'live, but its unit ' + u.id + ' is deleted' AS detail
