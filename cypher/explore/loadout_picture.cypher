// What a loadout's picture shows: the unit, its locations with their slots, and every mount
// with its item's name and slots.
// @param loadout_id: the Loadout id
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"loadout_id": "hunchback-hbk-4g-demo-conflict.stock"}
MATCH (loadout:Loadout {id: $loadout_id})<-[:HAS_LOADOUT]-(unit:Unit)
WHERE loadout.deleted_at IS NULL AND (loadout.tenant IS NULL OR loadout.tenant = $tenant)
RETURN loadout.id AS loadout_id, loadout.name AS loadout_name,
  unit {.id, .name, .configuration, .tech_base, .tonnage, .free_tonnage} AS unit,
  [(unit)-[:HAS_LOCATION]->(place:Location) | place {.code, .crit_slots, .fixed_slots}]
    AS locations,
  [(loadout)-[mount:MOUNTS]->(item:Equipment) | {
    mount_id: mount.mount_id, location: mount.location, rear: mount.rear,
    quantity: mount.quantity, equipment_id: item.id, name: coalesce(item.name, item.id),
    crit_slots: item.crit_slots, tonnage: item.tonnage
  }] AS mounts
