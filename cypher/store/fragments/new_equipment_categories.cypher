// Puts the new item `n` in `row.category_ids` (it is in none yet).
CALL (n, row) {
  UNWIND row.category_ids AS category_id
  MATCH (c:Category {id: category_id})
  CREATE (n)-[:IN_CATEGORY]->(c)
  RETURN count(*) AS linked
}
