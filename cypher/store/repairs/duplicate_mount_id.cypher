// Keeps the first holder of a mount_id shared within one loadout and gives every other one
// a fresh id.
// @tenancy: platform
MATCH (l:Loadout)-[m:MOUNTS]->(:Equipment)
WHERE m.mount_id IS NOT NULL
WITH l, m.mount_id AS mount_id, collect(m) AS holders
WHERE size(holders) > 1
UNWIND holders[1..] AS m
SET m.mount_id = randomUUID()
RETURN 'Loadout' AS label, l.id AS id, 'mount_id ' + mount_id + ' re-issued as ' + m.mount_id AS action
