// Units with more than one live stock loadout (the stock configuration is one loadout).
// @severity: error
// @tenancy: platform
MATCH (u:Unit)-[:HAS_LOADOUT]->(l:Loadout)
WHERE l.is_stock = true AND l.deleted_at IS NULL
WITH u, collect(l.id) AS stock
WHERE size(stock) > 1
RETURN 'Unit' AS label, u.id AS id, 'several stock loadouts: ' + reduce(s = '', x IN stock | s + ' ' + x) AS detail
