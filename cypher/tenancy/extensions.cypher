// The extensions of the scope's tenant (JSON text; graphstore.tenancy.extensions).
// @param tenant: the scope's tenant (filled in by the store)
// @example: {"tenant": "default"}
MATCH (t:Tenant)
WHERE t.id = $tenant
RETURN coalesce(t.extensions, '[]') AS extensions
