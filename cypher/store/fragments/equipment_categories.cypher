// Makes the item `n`'s categories exactly `row.category_ids`.
CALL (n, row) {
  OPTIONAL MATCH (n)-[old:IN_CATEGORY]->(c:Category)
  WHERE NOT c.id IN row.category_ids
  DELETE old
  RETURN count(*) AS unlinked
}
CALL (n, row) {
  UNWIND row.category_ids AS category_id
  MATCH (c:Category {id: category_id})
  MERGE (n)-[:IN_CATEGORY]->(c)
  RETURN count(*) AS linked
}
