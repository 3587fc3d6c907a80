// Restores one soft-deleted Loadout: clears deleted_at and bumps the version.
// @param id: the Loadout id
// @param now: the restore time
// @tenancy: resolved
// @example: {"id": "atlas-as7-d.stock", "now": "2026-11-30T12:00:00Z"}
MATCH (n:Loadout {id: $id})
REMOVE n.deleted_at
SET n.version = n.version + 1, n.updated_at = $now
RETURN properties(n) AS props, [] AS cascaded
