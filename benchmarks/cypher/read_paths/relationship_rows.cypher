// The first `rows` relationships, one Bolt record each, shaped as
// cypher/backup/relationships returns them.
// @param rows: how many relationships
MATCH (a)-[r]->(b)
WITH a, r, b LIMIT $rows
RETURN type(r) AS type, properties(r) AS props,
  labels(a) AS start_labels, a {.id, .key, .seq} AS start,
  labels(b) AS end_labels, b {.id, .key, .seq} AS end
