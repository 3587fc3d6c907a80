// Creates an API key of a tenant (only its hash is stored), after claiming the tenant so
// a key is never created for a tenant being deleted.
// @tenancy: platform
// @param key: {id, name, role, hash, created_at, expires_at}
// @param tenant_id: the tenant id
// @example: {"tenant_id": "default", "key": {"id": "k1", "name": "ci", "role": "reader", "hash": "ab", "created_at": "2026-11-30T12:00:00Z", "expires_at": null}}
MATCH (t:Tenant {id: $tenant_id})
// @include store/fragments/claim_tenant
CREATE (k:ApiKey)-[:KEY_OF]->(t)
SET k = $key, k.tenant = $tenant_id
RETURN properties(k) AS key
