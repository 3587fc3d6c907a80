// Mounts one item on a loadout under a new mount_id; bumps the loadout's version and marks
// its calculations stale.
// @param id: the Loadout id
// @param mount: {mount_id, equipment_id, location, slot, rear, quantity, original_id}
// @param now: the write time
// @tenancy: resolved
// @example: {"id": "atlas-as7-d.stock", "mount": {"mount_id": "m1", "equipment_id": "medium-laser", "location": "RIGHT_ARM", "slot": null, "rear": false, "quantity": 1, "original_id": null}, "now": "2026-11-30T12:00:00Z"}
MATCH (l:Loadout {id: $id})
MATCH (e:Equipment {id: $mount.equipment_id})
CREATE (l)-[m:MOUNTS {
  mount_id: $mount.mount_id, location: $mount.location, slot: $mount.slot,
  rear: $mount.rear, quantity: $mount.quantity, original_id: $mount.original_id
}]->(e)
SET l.version = l.version + 1, l.updated_at = $now
WITH l, m
// @include store/fragments/calculations_stale
RETURN l.version AS version, [] AS removed, [m.mount_id] AS added
