// Loadouts no unit owns (every loadout belongs to exactly one unit).
// @severity: error
// @tenancy: platform
MATCH (l:Loadout)
WHERE NOT EXISTS { (:Unit)-[:HAS_LOADOUT]->(l) }
RETURN 'Loadout' AS label, l.id AS id, 'no unit has this loadout (unit_id ' + coalesce(l.unit_id, '?') + ')' AS detail
