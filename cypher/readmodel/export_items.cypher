// Every catalog item, for a read model's rebuild: whether it is soft-deleted.
// @tenancy: platform
// @scan: a rebuild copies the catalog's flags, off the request path
MATCH (e:Equipment)
RETURN e.id AS id, e.deleted_at IS NOT NULL AS deleted
