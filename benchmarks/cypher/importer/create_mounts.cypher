// Benchmark baseline: plain CREATE of MOUNTS edges between existing loadouts and equipment.
// @param rows: list of {loadout_id, equipment_id, mount_id, location, rear, quantity, original_id}
UNWIND $rows AS row
MATCH (o:Loadout {id: row.loadout_id})
MATCH (e:Equipment {id: row.equipment_id})
CREATE (o)-[m:MOUNTS]->(e)
SET m.mount_id = row.mount_id, m.location = row.location, m.rear = row.rear,
  m.quantity = row.quantity, m.original_id = row.original_id
RETURN count(m) AS created
