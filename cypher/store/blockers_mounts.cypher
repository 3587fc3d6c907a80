// What keeps an Equipment item from being deleted: every loadout mount of it (for a soft
// delete, the mounts of live loadouts only), with the tenant each loadout belongs to.
// @param id: the Equipment id
// @param live_only: count only live loadouts
// @tenancy: resolved
// @example: {"id": "medium-laser", "live_only": true}
MATCH (l:Loadout)-[m:MOUNTS]->(:Equipment {id: $id})
WHERE NOT $live_only OR l.deleted_at IS NULL
RETURN l.id AS loadout_id, m.mount_id AS mount_id, m.location AS location, l.tenant AS tenant
