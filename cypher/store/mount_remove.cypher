// Removes one mount, by mount_id, from a loadout; bumps the loadout's version and marks its
// calculations stale. No row when the loadout has no such mount.
// @param id: the Loadout id
// @param mount_id: the mount to remove
// @param now: the write time
// @tenancy: resolved
// @example: {"id": "atlas-as7-d.stock", "mount_id": "m1", "now": "2026-11-30T12:00:00Z"}
MATCH (l:Loadout {id: $id})-[m:MOUNTS {mount_id: $mount_id}]->(e:Equipment)
WITH l, m, m {.mount_id, .location, .slot, .rear, .quantity, equipment_id: e.id} AS gone
DELETE m
SET l.version = l.version + 1, l.updated_at = $now
WITH l, gone
// @include store/fragments/calculations_stale
RETURN l.version AS version, [gone.mount_id] AS removed, [] AS added
