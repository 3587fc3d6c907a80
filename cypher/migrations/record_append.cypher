// Appends a migration record to the history chain and returns its sequence number.
// The caller holds the migration lock, so no two appends race.
// @param record: the record's properties (key, version, description, kind, checksum, applied_by, state, ...)
OPTIONAL MATCH (last:__Migration)
WITH last ORDER BY last.seq DESC LIMIT 1
CREATE (m:__Migration)
SET m = $record, m.seq = coalesce(last.seq, -1) + 1, m.applied_at = datetime()
FOREACH (_ IN CASE WHEN last IS NULL THEN [] ELSE [1] END | CREATE (last)-[:NEXT]->(m))
RETURN m.seq AS seq
