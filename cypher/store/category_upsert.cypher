// Creates or replaces Categories in one batch, then links each to its parent (which may be
// in the same batch), replacing any previous parent. Version starts at 1.
// @param rows: [{id, props, parent_id}]
// @param now: the write time
UNWIND $rows AS row
MERGE (c:Category {id: row.id})
ON CREATE SET c.version = 0, c.created_at = $now
SET c += row.props, c.version = c.version + 1, c.updated_at = $now
WITH count(*) AS written
UNWIND $rows AS row
MATCH (c:Category {id: row.id})
CALL (c) {
  OPTIONAL MATCH (c)-[old:SUBCATEGORY_OF]->(:Category)
  DELETE old
  RETURN count(*) AS unlinked
}
CALL (c, row) {
  MATCH (parent:Category {id: row.parent_id})
  MERGE (c)-[:SUBCATEGORY_OF]->(parent)
  RETURN count(*) AS linked
}
RETURN c.id AS id, properties(c) AS props
