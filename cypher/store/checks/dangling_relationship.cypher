// Relationships whose far end is a node that no longer exists: a record deleted while
// another writer linked to it (possible only on the local engine, which keeps such a link
// and may later hand the record to an unrelated new node). Counting the relationships and
// the nodes they reach tells them apart. Cypher cannot remove such a link alone.
// @severity: error
MATCH (n)
WHERE COUNT { (n)-->() } <> size([(n)-->(other) | other])
RETURN head(labels(n)) AS label, n.id AS id,
  toString(COUNT { (n)-->() } - size([(n)-->(other) | other])) +
  ' relationship(s) lead to a node that no longer exists' AS detail
