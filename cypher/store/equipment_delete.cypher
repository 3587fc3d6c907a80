// Deletes one Equipment item for good. Any MOUNTS of it (only reached with force) are
// removed with it and reported; their loadouts get a new version and stale calculations.
// @param id: the Equipment id
// @param now: the deletion time
MATCH (e:Equipment {id: $id})
OPTIONAL MATCH (l:Loadout)-[m:MOUNTS]->(e)
WITH e,
  collect(m {.mount_id, .location, .slot, .rear, .quantity, loadout_id: l.id}) AS detached,
  collect(DISTINCT l) AS loadouts
FOREACH (l IN loadouts | SET l.version = l.version + 1, l.updated_at = $now)
WITH e, detached, loadouts
CALL (loadouts) {
  UNWIND loadouts AS l
  MATCH (l)-[:HAS_CALCULATION]->(calc:Calculation)
  SET calc.stale = true
  RETURN count(*) AS marked
}
DETACH DELETE e
RETURN [] AS cascaded, detached
