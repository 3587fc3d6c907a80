// Every tenant, by id, with how many live keys it has.
// @tenancy: platform
// @scan: tenants are few (one node each)
// @example: {}
MATCH (t:Tenant)
RETURN properties(t) AS tenant,
  COUNT { (t)<-[:KEY_OF]-(k:ApiKey) WHERE k.revoked_at IS NULL } AS live_keys
ORDER BY t.id
