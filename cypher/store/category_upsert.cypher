// Creates or replaces Categories in one batch, then links each to its parent (which may be
// in the same batch), replacing any previous parent. Version starts at 1.
// @param rows: [{id, props, parent_id}]
UNWIND $rows AS row
MERGE (n:Category {id: row.id})
// @include store/fragments/upserted_entity
WITH count(*) AS written
UNWIND $rows AS row
MATCH (c:Category {id: row.id})
// @include store/fragments/category_parent
RETURN c.id AS id, properties(c) AS props
