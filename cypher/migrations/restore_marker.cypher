// The marker of a restore that has not finished (graphstore.backup), if any.
MATCH (m:__Restore)
RETURN m.file AS file, m.started_at AS started_at
LIMIT 1
