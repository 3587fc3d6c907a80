// Makes the unit `u`'s locations exactly `row.locations`: listed ones are written unless
// they already are exactly so (an upsert that changes one unit property rewrites no
// location: 16 MERGEs per unit were most of a bulk update's time), unlisted ones removed.
CALL (u, row) {
  OPTIONAL MATCH (u)-[:HAS_LOCATION]->(old:Location)
  WHERE NOT old.code IN [spec IN row.locations | spec.code]
  DETACH DELETE old
  RETURN count(*) AS removed
}
FOREACH (spec IN [wanted IN row.locations WHERE NOT wanted IN
    [(u)-[:HAS_LOCATION]->(have:Location) | have {.code, .crit_slots, .fixed_slots, .fixed}]] |
  MERGE (loc:Location {id: row.id + '/' + spec.code})
  SET loc.unit_id = row.id, loc.code = spec.code, loc.crit_slots = spec.crit_slots,
      loc.fixed_slots = spec.fixed_slots, loc.fixed = spec.fixed
  MERGE (u)-[:HAS_LOCATION]->(loc)
)
