// The scope's tenant, with its quota for one kind of data and how much of it is used (and
// its extensions, which a unit create checks its `extra` against: one round trip). With
// a quota set, the tenant is claimed: two creates racing for the last unit of a quota
// collide on the Tenant node, so the later one counts again and sees the earlier one's
// (docs/tenants.md, Quotas); without one, nothing is claimed and nothing counted. No row:
// the tenant does not exist.
// @param tenant: the scope's tenant (filled in by the store)
// @param quota: 'max_units', 'max_loadouts' or 'max_custom_items'
// @example: {"tenant": "default", "quota": "max_units"}
MATCH (t:Tenant)
WHERE t.id = $tenant
FOREACH (_ IN CASE WHEN t[$quota] IS NULL THEN [] ELSE [1] END |
  SET t._lock = coalesce(t._lock, 0) + 1)
RETURN t[$quota] AS most,
  CASE
    WHEN t[$quota] IS NULL THEN 0
    WHEN $quota = 'max_units' THEN COUNT { MATCH (n:Unit) WHERE n.tenant = $tenant }
    WHEN $quota = 'max_loadouts' THEN COUNT { MATCH (n:Loadout) WHERE n.tenant = $tenant }
    ELSE COUNT { MATCH (n:Equipment) WHERE n.tenant = $tenant }
  END AS used,
  coalesce(t.extensions, '[]') AS extensions
