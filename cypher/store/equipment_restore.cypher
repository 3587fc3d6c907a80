// Restores one soft-deleted Equipment: clears deleted_at and bumps the version.
// @param id: the Equipment id
// @param now: the restore time
// @tenancy: resolved
// @example: {"id": "medium-laser", "now": "2026-11-30T12:00:00Z"}
MATCH (n:Equipment {id: $id})
REMOVE n.deleted_at
SET n.version = n.version + 1, n.updated_at = $now
RETURN properties(n) AS props, [] AS cascaded
