// Every live category with its parent id, ordered by path then id.
// @param include_deleted: also list soft-deleted categories
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"include_deleted": false}
// @scan: it lists every category (tens of them)
MATCH (c:Category)
WHERE ($include_deleted OR c.deleted_at IS NULL) AND (c.tenant IS NULL OR c.tenant = $tenant)
RETURN properties(c) AS props, head([(c)-[:SUBCATEGORY_OF]->(p:Category) | p.id]) AS parent_id
ORDER BY c.path, c.id
