// One Loadout with only the asked fields and relations (its mounts, its source), in one
// round trip.
// Bookkeeping properties (`_lock`, `_history`: named with a leading `_`) never leave it.
// @param id: the Loadout id
// @param fields: property names to return, or null for all
// @param relations: any of 'mounts', 'derived_from'
// @param include_deleted: also find a soft-deleted loadout
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"id": "atlas-as7-d.stock", "fields": null, "relations": [], "include_deleted": false}
MATCH (l:Loadout {id: $id})
WHERE ($include_deleted OR l.deleted_at IS NULL) AND (l.tenant IS NULL OR l.tenant = $tenant)
RETURN
  [k IN keys(l) WHERE ($fields IS NULL OR k IN $fields) AND NOT k STARTS WITH '_' |
    [k, l[k]]] AS props,
  CASE WHEN 'mounts' IN $relations THEN
    [(l)-[m:MOUNTS]->(e:Equipment) |
      m {.mount_id, .location, .slot, .rear, .quantity, .original_id, equipment_id: e.id}]
  END AS mounts,
  CASE WHEN 'derived_from' IN $relations THEN
    head([(l)-[:DERIVED_FROM]->(source:Loadout) | source.id])
  END AS derived_from
