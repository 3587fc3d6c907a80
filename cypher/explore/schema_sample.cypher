// The graph's vocabulary from a sample of nodes and relationships: for an engine whose
// db.labels() procedures answer nothing (the local engine).
// @param sample: how many nodes and relationships to look at
// @example: {"sample": 5000}
// @scan: a bounded sample (LIMIT $sample), once per explorer page load
CALL () {
  MATCH (n)
  WITH n LIMIT $sample
  UNWIND labels(n) AS label
  RETURN collect(DISTINCT label) AS labels
}
CALL () {
  MATCH ()-[r]->()
  WITH r LIMIT $sample
  RETURN collect(DISTINCT type(r)) AS types
}
CALL () {
  MATCH (n)
  WITH n LIMIT $sample
  UNWIND keys(n) AS key
  RETURN collect(DISTINCT key) AS properties
}
RETURN labels, types, properties
