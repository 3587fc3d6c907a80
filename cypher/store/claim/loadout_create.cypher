// What creating Loadout nodes checks, claimed in one round trip: the ids the scope sees
// already (a create of one is refused), and the owning tenant's row (its max_loadouts quota and
// what it uses, its extensions), the tenant claimed only when that quota is set (see
// tenancy/quota). `tenant_found` is false when the owner names no tenant.
// @param ids: Loadout ids, sorted
// @param tenant: the scope's tenant (filled in by the store)
// @param owner_tenant: the tenant the create stamps, null for shared data (filled in by the store)
// @example: {"ids": ["x"], "tenant": "default", "owner_tenant": "default"}
CALL () {
  UNWIND $ids AS id
  MATCH (n:Loadout {id: id})
  WHERE n.tenant IS NULL OR n.tenant = $tenant
  // @include store/fragments/claim
  RETURN collect({id: n.id, props: properties(n)}) AS found
}
OPTIONAL MATCH (t:Tenant)
WHERE t.id = $owner_tenant
FOREACH (_ IN CASE WHEN t.max_loadouts IS NULL THEN [] ELSE [1] END |
  SET t._lock = coalesce(t._lock, 0) + 1)
RETURN found, t IS NOT NULL AS tenant_found, t.max_loadouts AS most,
  CASE WHEN t.max_loadouts IS NULL THEN 0
    ELSE COUNT { MATCH (m:Loadout) WHERE m.tenant = $owner_tenant } END AS used,
  coalesce(t.extensions, '[]') AS extensions
