// Replaces every mount of a loadout at once; bumps its version and marks its calculations
// stale.
// @param id: the Loadout id
// @param mounts: [{mount_id, equipment_id, location, slot, rear, quantity}]
// @param now: the write time
MATCH (l:Loadout {id: $id})
CALL (l) {
  OPTIONAL MATCH (l)-[old:MOUNTS]->()
  WITH old, old.mount_id AS mount_id
  DELETE old
  RETURN collect(mount_id) AS removed
}
CALL (l) {
  UNWIND $mounts AS mount
  MATCH (e:Equipment {id: mount.equipment_id})
  CREATE (l)-[m:MOUNTS {
    mount_id: mount.mount_id, location: mount.location, slot: mount.slot,
    rear: mount.rear, quantity: mount.quantity
  }]->(e)
  RETURN collect(m.mount_id) AS added
}
SET l.version = l.version + 1, l.updated_at = $now
WITH l, removed, added
CALL (l) {
  OPTIONAL MATCH (l)-[:HAS_CALCULATION]->(calc:Calculation)
  SET calc.stale = true
  RETURN count(calc) AS marked
}
RETURN l.version AS version, removed, added
