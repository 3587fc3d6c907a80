// The keys of a tenant, newest first, without their hashes.
// @tenancy: platform
// @param tenant_id: the tenant id
// @example: {"tenant_id": "default"}
MATCH (k:ApiKey)-[:KEY_OF]->(:Tenant {id: $tenant_id})
WHERE k.tenant = $tenant_id
RETURN k {.id, .name, .role, .tenant, .created_at, .expires_at, .revoked_at} AS key
ORDER BY k.created_at DESC, k.id
