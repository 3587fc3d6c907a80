// Soft-deletes each live loadout of a soft-deleted unit with the unit's own deleted_at, as
// the unit's soft delete would have: restoring the unit brings them back.
// @tenancy: platform
MATCH (u:Unit)-[:HAS_LOADOUT]->(l:Loadout)
WHERE u.deleted_at IS NOT NULL AND l.deleted_at IS NULL
SET l.deleted_at = u.deleted_at, l.version = l.version + 1
RETURN 'Loadout' AS label, l.id AS id, 'soft-deleted with its unit ' + u.id AS action
