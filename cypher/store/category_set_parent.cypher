// Re-parents one Category: drops its SUBCATEGORY_OF edge and, given a parent, adds one.
// @param id: the Category id
// @param parent_id: the new parent id, or null for a root
MATCH (c:Category {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)-[old:SUBCATEGORY_OF]->(:Category)
  DELETE old
  RETURN count(*) AS unlinked
}
CALL (c) {
  MATCH (parent:Category {id: $parent_id})
  MERGE (c)-[:SUBCATEGORY_OF]->(parent)
  RETURN count(*) AS linked
}
RETURN c.id AS id
