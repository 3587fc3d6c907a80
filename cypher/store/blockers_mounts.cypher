// What keeps an Equipment item from being deleted: every loadout mount of it.
// @param id: the Equipment id
MATCH (l:Loadout)-[m:MOUNTS]->(:Equipment {id: $id})
RETURN l.id AS loadout_id, m.mount_id AS mount_id, m.location AS location
