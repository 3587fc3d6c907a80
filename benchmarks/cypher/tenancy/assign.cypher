// Moves these units and their loadouts (and their versions) into a tenant: the benchmark's
// way of spreading the corpus over several tenants.
// @tenancy: platform
// @param ids: Unit ids
// @param tenant_id: the tenant
UNWIND $ids AS id
MATCH (u:Unit {id: id})
SET u.tenant = $tenant_id
WITH u
OPTIONAL MATCH (u)-[:HAS_LOADOUT]->(l:Loadout)
SET l.tenant = $tenant_id
WITH collect(u.id) + collect(l.id) AS entity_ids
MATCH (v:Version) WHERE v.entity_id IN entity_ids
SET v.tenant = $tenant_id
RETURN count(v) AS versions
