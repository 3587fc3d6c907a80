// Finishes a restore of one tenant, in one transaction: what was staged under the staging
// id becomes the tenant's (its `tenant`, its Tenant node's id), the staged nodes without a
// `tenant` lose their `restoring` mark, the tenant's keys are written (only now: a key
// cannot open staged data), and the restore's marker goes. Until this commits, no reader of
// the tenant sees any of it.
// @param staging: the restore's staging id
// @param tenant_id: the tenant restored
// @param keys: [props] of the ApiKey nodes
// @param links: [{start, props}]: each key's KEY_OF to the tenant
// @tenancy: platform
// @example: {"staging": "__restore-guild-a", "tenant_id": "guild-a", "keys": [], "links": []}
CALL () {
  MATCH (owner:Unit)-[:HAS_LOCATION|HAS_OVERRIDE|HAS_CALCULATION]->(n)
  WHERE owner.tenant = $staging
  REMOVE n.restoring
  RETURN count(*) AS unit_parts
}
CALL () {
  MATCH (owner:Loadout)-[:HAS_OVERRIDE|HAS_CALCULATION]->(n)
  WHERE owner.tenant = $staging
  REMOVE n.restoring
  RETURN count(*) AS loadout_parts
}
CALL () {
  MATCH (n:HistoryArchive) WHERE n.restoring = $staging
  REMOVE n.restoring
  RETURN count(*) AS archives
}
CALL () {
  MATCH (n:Unit) WHERE n.tenant = $staging
  SET n.tenant = $tenant_id
  RETURN count(*) AS units
}
CALL () {
  MATCH (n:Loadout) WHERE n.tenant = $staging
  SET n.tenant = $tenant_id
  RETURN count(*) AS loadouts
}
CALL () {
  MATCH (n:Equipment) WHERE n.tenant = $staging
  SET n.tenant = $tenant_id
  RETURN count(*) AS equipment
}
CALL () {
  MATCH (n:Category) WHERE n.tenant = $staging
  SET n.tenant = $tenant_id
  RETURN count(*) AS categories
}
CALL () {
  MATCH (n:Version) WHERE n.tenant = $staging
  SET n.tenant = $tenant_id
  RETURN count(*) AS versions
}
CALL () {
  MATCH (n:Change) WHERE n.tenant = $staging
  SET n.tenant = $tenant_id
  RETURN count(*) AS changes
}
CALL () {
  MATCH (t:Tenant {id: $staging})
  SET t.id = $tenant_id
  RETURN count(*) AS tenants
}
CALL () {
  UNWIND $keys AS props
  CREATE (k:ApiKey)
  SET k = props
  RETURN count(*) AS keys
}
CALL () {
  UNWIND $links AS link
  MATCH (k:ApiKey {id: link.start})
  MATCH (t:Tenant {id: $tenant_id})
  CREATE (k)-[r:KEY_OF]->(t)
  SET r = link.props
  RETURN count(*) AS links
}
CALL () {
  MATCH (m:__Restore {tenant: $tenant_id})
  DELETE m
  RETURN count(*) AS markers
}
// Written without the write log: every read model copies the graph again (readmodel/epoch).
CALL () {
  MATCH (epoch:__ReadModelEpoch)
  DELETE epoch
  RETURN count(*) AS forgotten
}
RETURN units, loadouts, equipment, categories, versions, changes, tenants, keys, links
