// A page of units with their locations, in id order after `after`: the rows the history
// benchmark upserts again to give every unit another version.
// @param after: the last id of the previous page ('' for the first)
// @param limit: page size
MATCH (u:Unit)
WHERE u.id > $after
WITH u ORDER BY u.id LIMIT $limit
RETURN u.id AS id, properties(u) AS props,
  [(u)-[:HAS_LOCATION]->(loc:Location) | loc {.code, .crit_slots, .fixed_slots, .fixed}] AS locations
