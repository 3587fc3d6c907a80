// Sets an Equipment item's categories to exactly these.
// @param id: the Equipment id
// @param category_ids: the category ids
MATCH (e:Equipment {id: $id})
CALL (e) {
  OPTIONAL MATCH (e)-[old:IN_CATEGORY]->(c:Category)
  WHERE NOT c.id IN $category_ids
  DELETE old
  RETURN count(*) AS unlinked
}
CALL (e) {
  UNWIND $category_ids AS category_id
  MATCH (c:Category {id: category_id})
  MERGE (e)-[:IN_CATEGORY]->(c)
  RETURN count(*) AS linked
}
RETURN e.id AS id
