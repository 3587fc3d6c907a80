// Benchmark baseline: plain CREATE of categories and catalog items with their IN_CATEGORY and
// SUBCATEGORY_OF edges (no MERGE, no change detection).
// @param categories: list of {id, name, path, parent_id}
// @param items: list of {props, category_id}
CALL () {
  UNWIND $categories AS row
  CREATE (c:Category)
  SET c.id = row.id, c.name = row.name, c.path = row.path, c.version = 1,
    c.created_at = datetime(), c.updated_at = datetime()
}
CALL () {
  UNWIND $categories AS row
  MATCH (child:Category {id: row.id})
  MATCH (parent:Category {id: row.parent_id})
  CREATE (child)-[:SUBCATEGORY_OF]->(parent)
}
UNWIND $items AS row
MATCH (c:Category {id: row.category_id})
CREATE (e:Equipment)-[:IN_CATEGORY]->(c)
SET e = row.props, e.version = 1, e.created_at = datetime(), e.updated_at = datetime()
RETURN count(e) AS created
