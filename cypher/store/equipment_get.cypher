// One Equipment item with only the asked fields and relations, in one round trip.
// Bookkeeping properties (`_lock`, `_history`: named with a leading `_`) never leave it.
// @param id: the Equipment id
// @param fields: property names to return, or null for all
// @param relations: any of 'categories'
// @param include_deleted: also find a soft-deleted item
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"id": "medium-laser", "fields": null, "relations": [], "include_deleted": false}
MATCH (e:Equipment {id: $id})
WHERE ($include_deleted OR e.deleted_at IS NULL) AND (e.tenant IS NULL OR e.tenant = $tenant)
RETURN
  [k IN keys(e) WHERE ($fields IS NULL OR k IN $fields) AND NOT k STARTS WITH '_' |
    [k, e[k]]] AS props,
  CASE WHEN 'categories' IN $relations THEN
    [(e)-[:IN_CATEGORY]->(c:Category) WHERE c.deleted_at IS NULL | c {.id, .name, .path}]
  END AS categories
