// Restores one soft-deleted Category: clears deleted_at and bumps the version.
// @param id: the Category id
// @param now: the restore time
// @tenancy: resolved
// @example: {"id": "weapons-energy", "now": "2026-11-30T12:00:00Z"}
MATCH (n:Category {id: $id})
REMOVE n.deleted_at
SET n.version = n.version + 1, n.updated_at = $now
RETURN properties(n) AS props, [] AS cascaded
