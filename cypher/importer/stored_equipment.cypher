// Every stored catalog item's content hash and provenance (placeholders left out): what an
// import compares its catalog with.
// @tenancy: platform
MATCH (e:Equipment)
WHERE NOT e:Unresolved
RETURN e.id AS id, e.content_hash AS content_hash, e.imported_from AS imported_from
