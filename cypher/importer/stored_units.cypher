// Every stored unit's content hash and provenance: what an import compares its files with.
// @tenancy: platform
MATCH (u:Unit)
RETURN u.id AS id, u.content_hash AS content_hash, u.imported_from AS imported_from
