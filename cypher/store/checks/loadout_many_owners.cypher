// Loadouts owned by more than one unit.
// @severity: error
MATCH (u:Unit)-[:HAS_LOADOUT]->(l:Loadout)
WITH l, collect(u.id) AS owners
WHERE size(owners) > 1
RETURN 'Loadout' AS label, l.id AS id, 'owned by several units' AS detail
