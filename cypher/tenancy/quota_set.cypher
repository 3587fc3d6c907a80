// Sets (a number) or clears (null) a tenant's quotas.
// @tenancy: platform
// @param tenant_id: the tenant id
// @param max_units: the most units, or null
// @param max_loadouts: the most loadouts, or null
// @param max_custom_items: the most custom equipment items, or null
// @example: {"tenant_id": "default", "max_units": 100, "max_loadouts": null, "max_custom_items": null}
MATCH (t:Tenant {id: $tenant_id})
SET t.max_units = $max_units, t.max_loadouts = $max_loadouts,
  t.max_custom_items = $max_custom_items
RETURN t {.id, .max_units, .max_loadouts, .max_custom_items} AS quotas
