// The mount ids a loadout uses now.
// @param id: the Loadout id
// @tenancy: resolved
// @example: {"id": "atlas-as7-d.stock"}
MATCH (:Loadout {id: $id})-[m:MOUNTS]->()
RETURN m.mount_id AS mount_id
