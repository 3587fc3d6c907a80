// Units of one tenant that have a stock loadout: what the benchmark reads and writes.
// @tenancy: platform
// @param tenant_id: the tenant
// @param limit: how many
MATCH (u:Unit)-[:HAS_LOADOUT]->(l:Loadout)
WHERE u.tenant = $tenant_id AND l.is_stock = true
RETURN u.id AS unit_id, l.id AS loadout_id
ORDER BY u.id
LIMIT $limit
