// MOUNTS relationships without a mount_id (they cannot be addressed one by one).
// @severity: error
// @tenancy: platform
MATCH (l:Loadout)-[m:MOUNTS]->(e:Equipment)
WHERE m.mount_id IS NULL
RETURN 'Loadout' AS label, l.id AS id, 'a mount of ' + e.id + ' has no mount_id' AS detail
