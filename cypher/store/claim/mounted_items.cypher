// Claims the items about to be mounted on a loadout of this unit, and reads the unit's slot
// capacity per location (the loadout, claimed already, keeps the unit from going).
// @param unit_id: the loadout's unit
// @param equipment_ids: the items to be mounted
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"unit_id": "atlas-as7-d", "equipment_ids": ["medium-laser"]}
CALL () {
  UNWIND $equipment_ids AS id
  MATCH (n:Equipment {id: id})
  WHERE n.tenant IS NULL OR n.tenant = $tenant
  // @include store/fragments/claim
  RETURN collect(n {.id, .deleted_at}) AS items
}
RETURN items,
  [(u:Unit {id: $unit_id})-[:HAS_LOCATION]->(place:Location) WHERE u.tenant IS NULL OR u.tenant = $tenant |
    [place.code, place.crit_slots]] AS slots
