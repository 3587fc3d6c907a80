// One stored version of an entity, by number or as it stood at a time (the newest at or
// before it), with the stored chain its content is rebuilt from.
// @param label: 'Unit' or 'Loadout'
// @param id: the entity id
// @param number: the version number, or null
// @param at: a time, or null
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"label": "Loadout", "id": "atlas-as7-d.stock", "number": 1, "at": null}
CALL () {
  OPTIONAL MATCH (v:Version {entity_id: $id})
  WHERE v.entity_label = $label AND (v.tenant IS NULL OR v.tenant = $tenant)
    AND ($number IS NULL OR v.number = $number)
    AND ($at IS NULL OR v.at <= $at)
  RETURN v
  ORDER BY v.number DESC
  LIMIT 1
}
WITH v WHERE v IS NOT NULL
CALL (v) {
  MATCH (c:Version {entity_id: $id})
  WHERE c.entity_label = $label AND (c.tenant IS NULL OR c.tenant = $tenant) AND c.number >= v.base AND c.number <= v.number
  RETURN collect(c {.number, .snapshot, .body}) AS chain
}
RETURN v {.number, .at, .actor, .source, .note, .parents, .hash, .previous_hash, .snapshot,
  .size} AS meta, chain
