// A tenant's quota for one kind of data, and how much of it is used, with the tenant
// claimed: two creates racing for the last unit of a quota collide on the Tenant node, so
// the later one counts again and sees the earlier one's (docs/tenants.md, Quotas). No row
// when the tenant has no such quota: nothing is claimed then.
// @param tenant: the scope's tenant (filled in by the store)
// @param quota: 'max_units', 'max_loadouts' or 'max_custom_items'
// @example: {"tenant": "default", "quota": "max_units"}
MATCH (t:Tenant)
WHERE t.id = $tenant AND t[$quota] IS NOT NULL
SET t._lock = coalesce(t._lock, 0) + 1
RETURN t[$quota] AS most,
  CASE $quota
    WHEN 'max_units' THEN COUNT { MATCH (n:Unit) WHERE n.tenant = $tenant }
    WHEN 'max_loadouts' THEN COUNT { MATCH (n:Loadout) WHERE n.tenant = $tenant }
    ELSE COUNT { MATCH (n:Equipment) WHERE n.tenant = $tenant }
  END AS used
