// The content hash of every imported unit, to skip unchanged unit files.
MATCH (u:Unit)
WHERE u.content_hash IS NOT NULL
RETURN u.id AS id, u.content_hash AS content_hash
