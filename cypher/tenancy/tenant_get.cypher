// One tenant, claimed for the rest of the transaction: its extensions and quotas are read
// by the writes they govern, so a change to them and those writes collide (docs/tenants.md).
// @param tenant: the tenant id (filled in by the store's scope)
// @example: {"tenant": "default"}
MATCH (t:Tenant)
WHERE t.id = $tenant
// @include store/fragments/claim_tenant
RETURN properties(t) AS tenant
