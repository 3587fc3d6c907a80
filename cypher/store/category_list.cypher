// Every live category with its parent id, ordered by path then id.
// @param include_deleted: also list soft-deleted categories
// @example: {"include_deleted": false}
// @scan: it lists every category (tens of them)
MATCH (c:Category)
WHERE $include_deleted OR c.deleted_at IS NULL
RETURN properties(c) AS props, head([(c)-[:SUBCATEGORY_OF]->(p:Category) | p.id]) AS parent_id
ORDER BY c.path, c.id
