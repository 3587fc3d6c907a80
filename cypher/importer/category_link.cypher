// Links each category to its parent in the category tree (idempotent).
// @param rows: list of {id, parent_id}
UNWIND $rows AS row
MATCH (child:Category {id: row.id})
MATCH (parent:Category {id: row.parent_id})
MERGE (child)-[:SUBCATEGORY_OF]->(parent)
RETURN count(*) AS linked
