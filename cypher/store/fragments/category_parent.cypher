// Makes `row.parent_id` the category `c`'s only parent (none when it is null).
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
