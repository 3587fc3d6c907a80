// Deletes up to `limit` nodes with their relationships: a restore with --replace, or one
// starting over after an interrupted run, empties the graph a batch at a time. The mark of
// the whole-graph restore doing it stays (the API serves nothing while it exists).
// @param limit: nodes per batch
MATCH (n)
WHERE NOT (n:__Restore AND n.tenant IS NULL)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
