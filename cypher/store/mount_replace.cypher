// Replaces every mount of a loadout at once; bumps its version and marks its calculations
// stale.
// @param id: the Loadout id
// @param mounts: [{mount_id, equipment_id, location, slot, rear, quantity, original_id}]
// @param now: the write time
// @tenancy: resolved
// @example: {"id": "atlas-as7-d.stock", "mounts": [{"mount_id": "m1", "equipment_id": "medium-laser", "location": "RIGHT_ARM", "slot": null, "rear": false, "quantity": 1, "original_id": null}], "now": "2026-11-30T12:00:00Z"}
MATCH (l:Loadout {id: $id})
WITH l, COLLECT { MATCH (l)-[old:MOUNTS]->() RETURN old.mount_id } AS removed
WITH l, removed, {mounts: $mounts} AS row
// @include store/fragments/loadout_mounts
SET l.version = l.version + 1, l.updated_at = $now
RETURN l.version AS version, removed, [m IN $mounts | m.mount_id] AS added
