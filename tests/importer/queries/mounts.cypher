// The mounts of one loadout, in mount order (test support).
// @param loadout_id: the loadout
MATCH (:Loadout {id: $loadout_id})-[m:MOUNTS]->(e:Equipment)
RETURN m.mount_id AS mount_id, m.original_id AS original_id, e.id AS equipment_id,
  m.location AS location, m.rear AS rear, m.quantity AS quantity, m.slot AS slot
ORDER BY m.mount_id
