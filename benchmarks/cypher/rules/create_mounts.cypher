// Benchmark data: mounts catalog items on loadouts.
// @param rows: list of {loadout_id, equipment_id, mount_id, location, quantity}
UNWIND $rows AS row
MATCH (loadout:Loadout {id: row.loadout_id})
MATCH (equipment:Equipment {id: row.equipment_id})
CREATE (loadout)-[:MOUNTS {
  mount_id: row.mount_id, location: row.location, slot: null, rear: false,
  quantity: row.quantity
}]->(equipment)
