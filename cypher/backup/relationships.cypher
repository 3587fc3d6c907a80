// Every relationship with its type, its properties, and each end by its labels and the
// properties that may identify it (graphstore.backup.model.KEYS picks the one per label).
MATCH (a)-[r]->(b)
RETURN type(r) AS type, properties(r) AS props,
  labels(a) AS start_labels, a {.id, .key, .seq} AS start,
  labels(b) AS end_labels, b {.id, .key, .seq} AS end
