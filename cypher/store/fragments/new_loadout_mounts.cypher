// Mounts `row.mounts` on the new loadout `l` (it has no mounts and no calculations yet).
CALL (l, row) {
  UNWIND row.mounts AS mount
  MATCH (e:Equipment {id: mount.equipment_id})
  CREATE (l)-[:MOUNTS {
    mount_id: mount.mount_id, location: mount.location, slot: mount.slot,
    rear: mount.rear, quantity: mount.quantity, original_id: mount.original_id
  }]->(e)
  RETURN count(*) AS mounted
}
