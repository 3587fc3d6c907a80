// Sets the extensions of the scope's tenant (JSON text).
// @param tenant: the scope's tenant (filled in by the store)
// @param extensions: the extension list as JSON
// @example: {"tenant": "default", "extensions": "[]"}
MATCH (t:Tenant)
WHERE t.id = $tenant
SET t.extensions = $extensions
RETURN t.id AS id
