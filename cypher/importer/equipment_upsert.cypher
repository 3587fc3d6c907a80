// Creates or updates catalog items whose content changed, bumping version, and points each at
// its one category. Properties set to null in props are removed; others are left alone.
// @param rows: list of {id, props, category_id}
UNWIND $rows AS row
MERGE (e:Equipment {id: row.id})
ON CREATE SET e.version = 0, e.created_at = datetime()
SET e += row.props, e.version = e.version + 1, e.updated_at = datetime()
WITH e, row
CALL (e) {
  MATCH (e)-[old:IN_CATEGORY]->(:Category)
  DELETE old
}
WITH e, row
MATCH (c:Category {id: row.category_id})
MERGE (e)-[:IN_CATEGORY]->(c)
RETURN count(e) AS written
