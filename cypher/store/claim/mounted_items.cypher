// Claims the items about to be mounted on a loadout of this unit, and reads the unit's slot
// capacity per location (the loadout, claimed already, keeps the unit from going).
// @param unit_id: the loadout's unit
// @param equipment_ids: the items to be mounted
// @example: {"unit_id": "atlas-as7-d", "equipment_ids": ["medium-laser"]}
CALL () {
  UNWIND $equipment_ids AS id
  MATCH (n:Equipment {id: id})
  // @include store/fragments/claim
  RETURN collect(n {.id, .deleted_at}) AS items
}
RETURN items,
  [(:Unit {id: $unit_id})-[:HAS_LOCATION]->(place:Location) | [place.code, place.crit_slots]]
    AS slots
