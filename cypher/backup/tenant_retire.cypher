// Takes a tenant out of service in one transaction, before a restore with --replace deletes
// what it held: what carries its id as `tenant`, and its Tenant node, move to `retired` (an
// id no tenant can have), and its keys go. Readers of the tenant see all of it, then none
// of it, never a part; the restore then deletes the retired nodes a batch at a time.
// @param tenant_id: the tenant being replaced
// @param retired: the id its data moves to
// @tenancy: platform
// @example: {"tenant_id": "guild-a", "retired": "__replaced-guild-a"}
CALL () {
  MATCH (k:ApiKey)-[:KEY_OF]->(:Tenant {id: $tenant_id})
  DETACH DELETE k
  RETURN count(*) AS keys
}
CALL () {
  MATCH (n:Unit) WHERE n.tenant = $tenant_id
  SET n.tenant = $retired
  RETURN count(*) AS units
}
CALL () {
  MATCH (n:Loadout) WHERE n.tenant = $tenant_id
  SET n.tenant = $retired
  RETURN count(*) AS loadouts
}
CALL () {
  MATCH (n:Equipment) WHERE n.tenant = $tenant_id
  SET n.tenant = $retired
  RETURN count(*) AS equipment
}
CALL () {
  MATCH (n:Category) WHERE n.tenant = $tenant_id
  SET n.tenant = $retired
  RETURN count(*) AS categories
}
CALL () {
  MATCH (n:Version) WHERE n.tenant = $tenant_id
  SET n.tenant = $retired
  RETURN count(*) AS versions
}
CALL () {
  MATCH (n:Change) WHERE n.tenant = $tenant_id
  SET n.tenant = $retired
  RETURN count(*) AS changes
}
CALL () {
  MATCH (t:Tenant {id: $tenant_id})
  SET t.id = $retired
  RETURN count(*) AS tenants
}
// Moved without the write log: every read model copies the graph again (readmodel/epoch).
CALL () {
  MATCH (epoch:__ReadModelEpoch)
  DELETE epoch
  RETURN count(*) AS forgotten
}
RETURN keys, units, loadouts, equipment, categories, versions, changes, tenants
