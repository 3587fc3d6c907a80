// Claims, in one round trip, what loadout rows refer to: their units (and the current owners
// of loadouts an upsert may move) and the items they mount. Returns each unit with its
// locations' slot capacity, and each item; soft-deleted ones say so, missing ones are absent.
// @param unit_ids: the units the rows name
// @param loadout_ids: loadouts whose current owners are claimed too (empty for new ones)
// @param equipment_ids: the items the rows mount
// Each loadout found by its id first: a pattern filtered with `l.id IN $loadout_ids` is
// planned from every Unit on the local engine (a scan that grew with the graph).
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"unit_ids": ["atlas-as7-d"], "loadout_ids": ["atlas-as7-d.stock"], "equipment_ids": ["medium-laser"]}
CALL () {
  UNWIND $loadout_ids AS loadout_id
  MATCH (l:Loadout {id: loadout_id})
  WHERE l.tenant = $tenant
  MATCH (owner:Unit)-[:HAS_LOADOUT]->(l)
  RETURN collect(DISTINCT owner.id) AS owner_ids
}
CALL (owner_ids) {
  UNWIND $unit_ids + owner_ids AS id
  WITH DISTINCT id
  MATCH (n:Unit {id: id})
  WHERE n.tenant IS NULL OR n.tenant = $tenant
  // @include store/fragments/claim
  RETURN collect(n {
    .id, .deleted_at, .tenant,
    slots: [(n)-[:HAS_LOCATION]->(place:Location) | [place.code, place.crit_slots]]
  }) AS units
}
CALL () {
  UNWIND $equipment_ids AS id
  MATCH (n:Equipment {id: id})
  WHERE n.tenant IS NULL OR n.tenant = $tenant
  // @include store/fragments/claim
  RETURN collect(n {.id, .deleted_at}) AS items
}
RETURN owner_ids, units, items
