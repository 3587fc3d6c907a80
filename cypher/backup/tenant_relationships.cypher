// Every relationship out of one tenant's nodes (backup/tenant_nodes): its keys' KEY_OF, and
// all that leaves what carries its id as `tenant`. Nothing else starts inside a tenant
// (locations, calculations, accepted violations and versions start none). An end outside
// the tenant is shared (its `end_tenant` is null): a restore needs it in the target.
// @param tenant_id: the tenant (or a restore's staging id for it)
// @tenancy: platform
// @example: {"tenant_id": "guild-a"}
CALL () {
  MATCH (a:ApiKey)-[r:KEY_OF]->(b:Tenant {id: $tenant_id})
  RETURN a, r, b
  UNION ALL
  MATCH (a:Unit)-[r]->(b) WHERE a.tenant = $tenant_id
  RETURN a, r, b
  UNION ALL
  MATCH (a:Loadout)-[r]->(b) WHERE a.tenant = $tenant_id
  RETURN a, r, b
  UNION ALL
  MATCH (a:Equipment)-[r]->(b) WHERE a.tenant = $tenant_id
  RETURN a, r, b
  UNION ALL
  MATCH (a:Category)-[r]->(b) WHERE a.tenant = $tenant_id
  RETURN a, r, b
  UNION ALL
  MATCH (a:Change)-[r]->(b) WHERE a.tenant = $tenant_id
  RETURN a, r, b
}
RETURN type(r) AS type, properties(r) AS props,
  labels(a) AS start_labels, a {.id, .key, .seq} AS start,
  labels(b) AS end_labels, b {.id, .key, .seq} AS end, b.tenant AS end_tenant
