// Marks a restore of one tenant as under way: its data is written under `staging` (an id no
// tenant can have) and becomes the tenant's in one transaction at the end
// (backup/tenant_finish). Unlike a whole-graph restore's marker, it leaves the rest of the
// graph in service. A marker left by an interrupted restore of the tenant is replaced.
// @param file: the backup being restored
// @param tenant_id: the tenant being restored
// @param staging: where its data is staged
// @param now: when the restore began
// @tenancy: platform
CALL () {
  MATCH (old:__Restore {tenant: $tenant_id})
  DELETE old
  RETURN count(*) AS cleared
}
CREATE (:__Restore {file: $file, tenant: $tenant_id, staging: $staging, started_at: $now})
