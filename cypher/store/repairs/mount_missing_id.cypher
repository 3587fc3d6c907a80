// Gives every MOUNTS relationship without a mount_id a fresh one.
// @tenancy: platform
MATCH (l:Loadout)-[m:MOUNTS]->(:Equipment)
WHERE m.mount_id IS NULL
SET m.mount_id = randomUUID()
RETURN 'Loadout' AS label, l.id AS id, 'assigned mount_id ' + m.mount_id AS action
