// Makes the loadout `l`'s mounts exactly `row.mounts` (each MOUNTS edge with its own
// mount_id) and marks its calculations stale.
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
    rear: mount.rear, quantity: mount.quantity, original_id: mount.original_id
  }]->(e)
  RETURN count(*) AS mounted
}
// @include store/fragments/calculations_stale
