// Soft-deletes one Category: sets deleted_at and bumps the version. Its relationships stay,
// so a restore is exact.
// @param id: the Category id
// @param now: the deletion time
// @tenancy: resolved
// @example: {"id": "weapons-energy", "now": "2026-11-30T12:00:00Z"}
MATCH (n:Category {id: $id})
SET n.deleted_at = $now, n.version = n.version + 1, n.updated_at = $now
RETURN properties(n) AS props, [] AS cascaded
