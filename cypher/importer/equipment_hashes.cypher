// The content hash of every catalog item an import wrote, to skip unchanged items.
MATCH (e:Equipment)
WHERE NOT e:Unresolved AND e.content_hash IS NOT NULL
RETURN e.id AS id, e.content_hash AS content_hash
