// Makes the unit `u`'s locations exactly `row.locations`: listed ones are written, unlisted
// ones removed.
CALL (u, row) {
  OPTIONAL MATCH (u)-[:HAS_LOCATION]->(old:Location)
  WHERE NOT old.code IN [spec IN row.locations | spec.code]
  DETACH DELETE old
  RETURN count(*) AS removed
}
FOREACH (spec IN row.locations |
  MERGE (loc:Location {id: row.id + '/' + spec.code})
  SET loc.unit_id = row.id, loc.code = spec.code, loc.crit_slots = spec.crit_slots,
      loc.fixed_slots = spec.fixed_slots, loc.fixed = spec.fixed
  MERGE (u)-[:HAS_LOCATION]->(loc)
)
