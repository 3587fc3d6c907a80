// The units that own these loadouts (normally one each).
// @param ids: Loadout ids
MATCH (u:Unit)-[:HAS_LOADOUT]->(l:Loadout)
WHERE l.id IN $ids
RETURN l.id AS loadout_id, u.id AS unit_id
