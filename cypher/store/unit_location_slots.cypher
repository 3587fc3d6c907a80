// The slot capacity of each location of these units, for mount validation.
// @param ids: Unit ids
// @tenancy: resolved
// @example: {"ids": ["atlas-as7-d"]}
MATCH (u:Unit)-[:HAS_LOCATION]->(place:Location)
WHERE u.id IN $ids
RETURN u.id AS unit_id, place.code AS code, place.crit_slots AS crit_slots
