// Every entity soft-deleted before a cutoff, with its label.
// @param cutoff: soft-deleted strictly before this time
// @tenancy: platform
// @example: {"cutoff": "2026-11-30T12:00:00Z"}
// @scan: housekeeping (`graphstore purge`): the soft-deleted entities of every kind older than the cutoff
MATCH (n:Unit) WHERE n.deleted_at < $cutoff RETURN 'Unit' AS label, n.id AS id
UNION ALL
MATCH (n:Loadout) WHERE n.deleted_at < $cutoff RETURN 'Loadout' AS label, n.id AS id
UNION ALL
MATCH (n:Equipment) WHERE n.deleted_at < $cutoff RETURN 'Equipment' AS label, n.id AS id
UNION ALL
MATCH (n:Category) WHERE n.deleted_at < $cutoff RETURN 'Category' AS label, n.id AS id
