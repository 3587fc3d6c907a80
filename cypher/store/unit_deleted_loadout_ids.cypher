// The loadouts a unit's soft delete took with it (same deleted_at): what its restore
// brings back.
// @param id: the Unit id
// @tenancy: resolved
// @example: {"id": "atlas-as7-d"}
MATCH (u:Unit {id: $id})-[:HAS_LOADOUT]->(l:Loadout)
WHERE l.deleted_at = u.deleted_at
RETURN l.id AS id
