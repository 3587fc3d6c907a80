// Mounts without a location, or with a quantity below one.
// @severity: error
// @tenancy: platform
MATCH (l:Loadout)-[m:MOUNTS]->(e:Equipment)
WHERE m.location IS NULL OR coalesce(m.quantity, 0) < 1
RETURN 'Loadout' AS label, l.id AS id, 'mount ' + coalesce(m.mount_id, '?') + ' of ' + e.id + ' lacks a location or a quantity' AS detail
