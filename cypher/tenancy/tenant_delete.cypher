// Claims a tenant and counts what it owns: what deleting it would take with it. The
// caller refuses, or runs tenancy/tenant_delete_owned, then tenancy/tenant_remove, in the
// same transaction.
// @tenancy: platform
// @param tenant_id: the tenant id
// @example: {"tenant_id": "guild-a"}
MATCH (t:Tenant {id: $tenant_id})
// @include store/fragments/claim_tenant
RETURN COUNT { MATCH (u:Unit) WHERE u.tenant = $tenant_id } AS units,
  COUNT { MATCH (e:Equipment) WHERE e.tenant = $tenant_id } AS items
