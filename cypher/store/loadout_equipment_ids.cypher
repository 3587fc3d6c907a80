// The equipment these loadouts mount: what a restore must find live again.
// @param ids: Loadout ids
// @tenancy: resolved
// @example: {"ids": ["atlas-as7-d.stock"]}
MATCH (l:Loadout)-[:MOUNTS]->(e:Equipment)
WHERE l.id IN $ids
RETURN DISTINCT e.id AS id
