// Benchmark data: creates categories, then links each to its parent (if any).
// @param rows: list of {id, name, path, parent_id}
UNWIND $rows AS row
CREATE (category:Category {id: row.id, name: row.name, path: row.path})
WITH category, row
WHERE row.parent_id IS NOT NULL
MATCH (parent:Category {id: row.parent_id})
CREATE (category)-[:SUBCATEGORY_OF]->(parent)
