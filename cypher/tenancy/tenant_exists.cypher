// Whether a tenant exists (one row when it does).
// @tenancy: platform
// @param tenant_id: the tenant id
// @example: {"tenant_id": "default"}
MATCH (t:Tenant {id: $tenant_id})
RETURN t.id AS id
