// The unit that owns a loadout, and whether that unit is soft-deleted.
// @param id: the Loadout id
MATCH (u:Unit)-[:HAS_LOADOUT]->(:Loadout {id: $id})
RETURN u.id AS unit_id, u.deleted_at AS unit_deleted_at
