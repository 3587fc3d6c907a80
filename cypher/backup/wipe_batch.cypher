// Deletes up to `limit` nodes with their relationships: a restore with --replace, or one
// starting over after an interrupted run, empties the graph a batch at a time.
// @param limit: nodes per batch
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
