// Creates or replaces Loadouts in one batch: each is owned by its unit (HAS_LOADOUT) and
// its mounts are replaced by `mounts`, each MOUNTS edge carrying its own mount_id.
// @param rows: [{id, props, unit_id, mounts: [{mount_id, equipment_id, location, slot, rear, quantity}]}]
// @param now: the write time
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit_id})
MERGE (l:Loadout {id: row.id})
ON CREATE SET l.version = 0, l.created_at = $now
SET l += row.props, l.version = l.version + 1, l.updated_at = $now
MERGE (u)-[:HAS_LOADOUT]->(l)
WITH u, l, row
CALL (u, l) {
  OPTIONAL MATCH (other:Unit)-[stale:HAS_LOADOUT]->(l)
  WHERE other <> u
  DELETE stale
  RETURN count(*) AS moved
}
CALL (l) {
  OPTIONAL MATCH (l)-[old:MOUNTS]->()
  DELETE old
  RETURN count(*) AS unmounted
}
CALL (l, row) {
  UNWIND row.mounts AS mount
  MATCH (e:Equipment {id: mount.equipment_id})
  CREATE (l)-[:MOUNTS {
    mount_id: mount.mount_id, location: mount.location, slot: mount.slot,
    rear: mount.rear, quantity: mount.quantity
  }]->(e)
  RETURN count(*) AS mounted
}
CALL (l) {
  OPTIONAL MATCH (l)-[:HAS_CALCULATION]->(calc:Calculation)
  SET calc.stale = true
  RETURN count(*) AS marked
}
RETURN l.id AS id, properties(l) AS props
