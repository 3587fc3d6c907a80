// The marker of a whole-graph restore that has not finished (graphstore.backup), if any. A
// restore of one tenant marks only that tenant (its marker names it) and is not counted.
MATCH (m:__Restore)
WHERE m.tenant IS NULL
RETURN m.file AS file, m.started_at AS started_at
LIMIT 1
