// One Category with only the asked fields and relations (parent, child ids, member ids).
// Bookkeeping properties (`_lock`, `_history`: named with a leading `_`) never leave it.
// @param id: the Category id
// @param fields: property names to return, or null for all
// @param relations: any of 'parent', 'children', 'members'
// @param include_deleted: also find a soft-deleted category
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"id": "weapons-energy", "fields": null, "relations": [], "include_deleted": false}
MATCH (c:Category {id: $id})
WHERE ($include_deleted OR c.deleted_at IS NULL) AND (c.tenant IS NULL OR c.tenant = $tenant)
RETURN
  [k IN keys(c) WHERE ($fields IS NULL OR k IN $fields) AND NOT k STARTS WITH '_' |
    [k, c[k]]] AS props,
  CASE WHEN 'parent' IN $relations THEN
    head([(c)-[:SUBCATEGORY_OF]->(p:Category) | p.id])
  END AS parent_id,
  CASE WHEN 'children' IN $relations THEN
    [(child:Category)-[:SUBCATEGORY_OF]->(c) WHERE child.deleted_at IS NULL | child.id]
  END AS children,
  CASE WHEN 'members' IN $relations THEN
    [(e:Equipment)-[:IN_CATEGORY]->(c) WHERE e.deleted_at IS NULL | e.id]
  END AS member_ids
