// mount_id values shared by several MOUNTS relationships of one loadout (a mount id names
// one mount within its loadout).
// @severity: error
// @tenancy: platform
MATCH (l:Loadout)-[m:MOUNTS]->(:Equipment)
WHERE m.mount_id IS NOT NULL
WITH l, m.mount_id AS mount_id, count(*) AS copies
WHERE copies > 1
RETURN 'Loadout' AS label, l.id AS id, 'mount_id ' + mount_id + ' is used ' + toString(copies) + ' times' AS detail
