// mount_id values shared by several MOUNTS relationships.
// @severity: error
MATCH (l:Loadout)-[m:MOUNTS]->(:Equipment)
WHERE m.mount_id IS NOT NULL
WITH m.mount_id AS mount_id, collect(l.id) AS loadouts
WHERE size(loadouts) > 1
RETURN 'Loadout' AS label, loadouts[0] AS id, 'mount_id ' + mount_id + ' is used ' + toString(size(loadouts)) + ' times' AS detail
