// The marker of a restore of this tenant that has not finished, if any: the next restore of
// the tenant clears what it staged and starts over.
// @param tenant_id: the tenant being restored
// @tenancy: platform
// @example: {"tenant_id": "guild-a"}
MATCH (m:__Restore {tenant: $tenant_id})
RETURN m.file AS file, m.staging AS staging
