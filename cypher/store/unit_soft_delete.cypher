// Soft-deletes one Unit and, with the same timestamp, its live loadouts (so restoring the
// unit brings back exactly those).
// @param id: the Unit id
// @param now: the deletion time
// @tenancy: resolved
// @example: {"id": "atlas-as7-d", "now": "2026-11-30T12:00:00Z"}
MATCH (u:Unit {id: $id})
SET u.deleted_at = $now, u.version = u.version + 1, u.updated_at = $now
WITH u
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_LOADOUT]->(l:Loadout)
  WHERE l.deleted_at IS NULL
  SET l.deleted_at = $now, l.version = l.version + 1, l.updated_at = $now
  RETURN [x IN collect(l.id) | ['Loadout', x]] AS cascaded
}
RETURN properties(u) AS props, cascaded
