// Revokes a key of a tenant (idempotent: a revoked key keeps its first revocation time).
// @tenancy: platform
// @param tenant_id: the tenant id
// @param id: the key id
// @param now: the revocation time
// @example: {"tenant_id": "default", "id": "k1", "now": "2026-11-30T12:00:00Z"}
MATCH (k:ApiKey {id: $id})-[:KEY_OF]->(:Tenant {id: $tenant_id})
WHERE k.tenant = $tenant_id
SET k.revoked_at = coalesce(k.revoked_at, $now)
RETURN k {.id, .name, .role, .tenant, .created_at, .expires_at, .revoked_at} AS key
