// "What fits here?": catalog items that fit in the free critical slots of one location of a
// loadout, may go there (allowed_locations), match the unit's tech base, exist by the
// unit's year, and conflict with nothing already mounted. A plain slot-and-rules filter,
// used by the demo when the rules engine is not installed. Best battle value first.
// @param loadout_id: the loadout
// @param location: a location code such as RIGHT_ARM
// @param limit: how many items to list
MATCH (unit:Unit)-[:HAS_LOADOUT]->(loadout:Loadout {id: $loadout_id})
MATCH (unit)-[:HAS_LOCATION]->(place:Location {code: $location})
WITH unit, loadout, place,
  COLLECT { MATCH (loadout)-[m:MOUNTS]->(e:Equipment) RETURN e } AS mounted,
  reduce(
    used = coalesce(place.fixed_slots, 0), s IN COLLECT {
      MATCH (loadout)-[m:MOUNTS]->(e:Equipment) WHERE m.location = $location
      RETURN coalesce(e.crit_slots, 0)
    } | used + s
  ) AS used
MATCH (item:Equipment)
WHERE NOT item:Unresolved
  AND coalesce(item.crit_slots, 0) <= place.crit_slots - used
  AND (item.allowed_locations IS NULL OR $location IN item.allowed_locations)
  AND (unit.tech_base = 'MIXED' OR item.tech_base IS NULL OR item.tech_base = unit.tech_base)
  AND (unit.year IS NULL OR item.intro_year IS NULL OR item.intro_year <= unit.year)
  AND NOT EXISTS { MATCH (item)-[:CONFLICTS_WITH]-(other:Equipment) WHERE other IN mounted }
RETURN item.id AS id, item.name AS name, item.crit_slots AS crit_slots,
  item.tonnage AS tonnage, item.battle_value AS battle_value,
  place.crit_slots - used AS free_slots
ORDER BY coalesce(item.battle_value, 0) DESC, item.name
LIMIT $limit
