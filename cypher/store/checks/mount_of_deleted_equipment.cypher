// Live loadouts that mount soft-deleted equipment (a soft delete of mounted equipment is
// restricted, so only a race or a hand edit leaves one).
// @severity: error
// @tenancy: platform
MATCH (l:Loadout)-[m:MOUNTS]->(e:Equipment)
WHERE e.deleted_at IS NOT NULL AND l.deleted_at IS NULL
RETURN 'Loadout' AS label, l.id AS id, 'mounts deleted equipment ' + e.id AS detail
