// MOUNTS relationships that do not run from a Loadout to an Equipment item.
// @severity: error
// @tenancy: platform
MATCH (a)-[m:MOUNTS]->(b)
WHERE NOT a:Loadout OR NOT b:Equipment
RETURN 'Loadout' AS label, a.id AS id, 'MOUNTS ' + coalesce(m.mount_id, '?') + ' points at ' + coalesce(b.id, '?') + ', not a loadout to equipment' AS detail
