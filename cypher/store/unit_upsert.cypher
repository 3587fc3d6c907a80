// Creates or replaces Units in one batch, with their locations: listed locations are
// merged, unlisted ones removed. Version starts at 1 and grows by one per write.
// @param rows: [{id, props, locations: [{code, crit_slots, fixed_slots, fixed}]}]
// @param now: the write time
UNWIND $rows AS row
MERGE (u:Unit {id: row.id})
ON CREATE SET u.version = 0, u.created_at = $now
SET u += row.props, u.version = u.version + 1, u.updated_at = $now
WITH u, row
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
RETURN u.id AS id, properties(u) AS props
