// The catalog facts the demo tour shows for a list of items.
// @param ids: Equipment ids
// @tenancy: platform
MATCH (e:Equipment)
WHERE e.id IN $ids
RETURN e.id AS id, e.name AS name, e.crit_slots AS crit_slots, e.tonnage AS tonnage,
  e.battle_value AS battle_value
