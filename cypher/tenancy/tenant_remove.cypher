// Deletes a tenant node and its keys (what it owned is gone already).
// @tenancy: platform
// @param tenant_id: the tenant id
// @example: {"tenant_id": "guild-a"}
MATCH (t:Tenant {id: $tenant_id})
OPTIONAL MATCH (k:ApiKey)-[:KEY_OF]->(t)
DETACH DELETE k, t
