// Soft-deletes one Loadout: sets deleted_at and bumps the version. Its relationships stay,
// so a restore is exact.
// @param id: the Loadout id
// @param now: the deletion time
// @tenancy: resolved
// @example: {"id": "atlas-as7-d.stock", "now": "2026-11-30T12:00:00Z"}
MATCH (n:Loadout {id: $id})
SET n.deleted_at = $now, n.version = n.version + 1, n.updated_at = $now
RETURN properties(n) AS props, [] AS cascaded
