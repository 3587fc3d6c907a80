// Restores one soft-deleted Unit and the loadouts its soft delete took with it (those with
// the same deleted_at).
// @param id: the Unit id
// @param now: the restore time
// @tenancy: resolved
// @example: {"id": "atlas-as7-d", "now": "2026-11-30T12:00:00Z"}
MATCH (u:Unit {id: $id})
WITH u, u.deleted_at AS deleted_at
CALL (u, deleted_at) {
  OPTIONAL MATCH (u)-[:HAS_LOADOUT]->(l:Loadout)
  WHERE l.deleted_at = deleted_at
  REMOVE l.deleted_at
  SET l.version = l.version + 1, l.updated_at = $now
  RETURN [x IN collect(l.id) | ['Loadout', x]] AS cascaded
}
REMOVE u.deleted_at
SET u.version = u.version + 1, u.updated_at = $now
RETURN properties(u) AS props, cascaded
