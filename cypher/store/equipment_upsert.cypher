// Creates or replaces Equipment in one batch and sets each item's categories to exactly
// `category_ids`. Version starts at 1 and grows by one per write.
// @param rows: [{id, props, category_ids}]
// @param now: the write time
UNWIND $rows AS row
MERGE (e:Equipment {id: row.id})
ON CREATE SET e.version = 0, e.created_at = $now
SET e += row.props, e.version = e.version + 1, e.updated_at = $now
WITH e, row
CALL (e, row) {
  OPTIONAL MATCH (e)-[old:IN_CATEGORY]->(c:Category)
  WHERE NOT c.id IN row.category_ids
  DELETE old
  RETURN count(*) AS unlinked
}
CALL (e, row) {
  UNWIND row.category_ids AS category_id
  MATCH (c:Category {id: category_id})
  MERGE (e)-[:IN_CATEGORY]->(c)
  RETURN count(*) AS linked
}
RETURN e.id AS id, properties(e) AS props
