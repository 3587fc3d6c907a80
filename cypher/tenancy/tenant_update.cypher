// Sets a tenant's extensions and quotas (JSON text), after the caller claimed it.
// @tenancy: platform
// @param id: the tenant id
// @param extensions: the extension list as JSON
// @param quotas: the quotas as JSON
// @example: {"id": "default", "extensions": "[]", "quotas": "{}"}
MATCH (t:Tenant {id: $id})
SET t.extensions = $extensions, t.quotas = $quotas
RETURN properties(t) AS tenant
