// One Unit with only the asked fields and relations, in one round trip. Fields come back
// as [key, value] pairs; a relation not asked for is null and never traversed.
// Bookkeeping properties (`_lock`, `_history`: named with a leading `_`) never leave it.
// @param id: the Unit id
// @param fields: property names to return, or null for all
// @param relations: any of 'locations', 'loadouts'
// @param include_deleted: also find a soft-deleted unit (and its soft-deleted loadouts)
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"id": "atlas-as7-d", "fields": null, "relations": [], "include_deleted": false}
MATCH (u:Unit {id: $id})
WHERE ($include_deleted OR u.deleted_at IS NULL) AND (u.tenant IS NULL OR u.tenant = $tenant)
RETURN
  [k IN keys(u) WHERE ($fields IS NULL OR k IN $fields) AND NOT k STARTS WITH '_' |
    [k, u[k]]] AS props,
  CASE WHEN 'locations' IN $relations THEN
    [(u)-[:HAS_LOCATION]->(loc:Location) |
      loc {.id, .code, .crit_slots, .fixed_slots, .fixed}]
  END AS locations,
  CASE WHEN 'loadouts' IN $relations THEN
    [(u)-[:HAS_LOADOUT]->(l:Loadout) WHERE $include_deleted OR l.deleted_at IS NULL |
      l {.id, .name, .unit_id, .is_stock, .notes, .version}]
  END AS loadouts
