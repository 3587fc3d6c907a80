// What mount validation needs in one read: which of these units are live, their locations
// with capacity, and which of these equipment ids are live. (A map projection, not a map
// literal, in COLLECT: the local engine returns null for literal maps there.)
// @param unit_ids: Unit ids
// @param equipment_ids: Equipment ids
RETURN
  COLLECT { MATCH (u:Unit) WHERE u.id IN $unit_ids AND u.deleted_at IS NULL RETURN u.id } AS units,
  COLLECT {
    MATCH (u:Unit) WHERE u.id IN $unit_ids
    RETURN u {.id, locations: [(u)-[:HAS_LOCATION]->(loc:Location) | loc {.code, .crit_slots}]}
  } AS unit_locations,
  COLLECT {
    MATCH (e:Equipment) WHERE e.id IN $equipment_ids AND e.deleted_at IS NULL RETURN e.id
  } AS equipment
