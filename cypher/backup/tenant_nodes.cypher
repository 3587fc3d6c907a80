// Every node of one tenant: what a backup of the tenant streams, and what a restore of one
// checks, replaces or clears. Its Tenant node and keys; what carries its id as `tenant`
// (units, loadouts, custom items and categories, versions, audit Changes); what hangs off
// its units and loadouts (locations, calculations, accepted violations); and the history
// archive records of its entities. Each node is found once (UNION ALL: no set is kept).
// @param tenant_id: the tenant (or a restore's staging id for it)
// @tenancy: platform
// @example: {"tenant_id": "guild-a"}
CALL () {
  MATCH (n:Tenant {id: $tenant_id})
  RETURN n
  UNION ALL
  MATCH (n:ApiKey)-[:KEY_OF]->(:Tenant {id: $tenant_id})
  RETURN n
  UNION ALL
  MATCH (n:Unit) WHERE n.tenant = $tenant_id
  RETURN n
  UNION ALL
  MATCH (n:Loadout) WHERE n.tenant = $tenant_id
  RETURN n
  UNION ALL
  MATCH (n:Equipment) WHERE n.tenant = $tenant_id
  RETURN n
  UNION ALL
  MATCH (n:Category) WHERE n.tenant = $tenant_id
  RETURN n
  UNION ALL
  MATCH (n:Version) WHERE n.tenant = $tenant_id
  RETURN n
  UNION ALL
  MATCH (n:Change) WHERE n.tenant = $tenant_id
  RETURN n
  UNION ALL
  MATCH (owner:Unit)-[:HAS_LOCATION|HAS_OVERRIDE|HAS_CALCULATION]->(n)
  WHERE owner.tenant = $tenant_id
  RETURN n
  UNION ALL
  MATCH (owner:Loadout)-[:HAS_OVERRIDE|HAS_CALCULATION]->(n)
  WHERE owner.tenant = $tenant_id
  RETURN n
  UNION ALL
  MATCH (n:HistoryArchive)
  WHERE EXISTS {
    MATCH (v:Version {entity_id: n.entity_id})
    WHERE v.entity_label = n.entity_label AND v.tenant = $tenant_id
  }
  RETURN n
}
RETURN labels(n) AS labels, properties(n) AS props
