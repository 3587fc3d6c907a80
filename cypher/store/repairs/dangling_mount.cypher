// Deletes MOUNTS relationships that do not run from a Loadout to an Equipment item.
// @tenancy: platform
MATCH (a)-[m:MOUNTS]->(b)
WHERE NOT a:Loadout OR NOT b:Equipment
WITH m, a.id AS source_id, coalesce(m.mount_id, '?') AS mount_id
DELETE m
RETURN 'Loadout' AS label, source_id AS id, 'deleted malformed mount ' + mount_id AS action
