// What a tenant holds and did: its units, loadouts and custom items, the writes recorded
// in the last day, and how many properties what it owns stores (a storage estimate: the
// stored properties, which graphstore.tenancy.usage turns into bytes).
// @param tenant: the tenant id (filled in by the store's scope)
// @param since: the start of the write window
// @scan: counts every node the tenant owns (docs/tenants.md, Usage)
// @example: {"tenant": "default", "since": "2026-11-29T12:00:00Z"}
CALL () {
  MATCH (u:Unit) WHERE u.tenant = $tenant
  RETURN count(u) AS units, sum(size(keys(u))) AS unit_properties
}
CALL () {
  MATCH (l:Loadout) WHERE l.tenant = $tenant
  RETURN count(l) AS loadouts, sum(size(keys(l))) AS loadout_properties
}
CALL () {
  MATCH (e:Equipment) WHERE e.tenant = $tenant
  RETURN count(e) AS custom_items, sum(size(keys(e))) AS item_properties
}
CALL () {
  MATCH (c:Change) WHERE c.tenant = $tenant AND c.at >= $since
  RETURN count(c) AS writes_24h
}
RETURN units, loadouts, custom_items, writes_24h,
  unit_properties + loadout_properties + item_properties AS properties
