// The catalog items with these ids that exist now, as a read model copies them.
// @tenancy: platform
// @param ids: equipment ids
// @example: {"ids": ["medium-laser"]}
UNWIND $ids AS wanted
MATCH (e:Equipment {id: wanted})
RETURN e.id AS id, e.deleted_at IS NOT NULL AS deleted
