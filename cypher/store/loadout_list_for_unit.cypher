// The loadouts of one unit, the stock one first, as [key, value] pairs without bookkeeping
// (`_lock`, `_history`).
// @param unit_id: the Unit id
// @param include_deleted: also list soft-deleted loadouts
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"unit_id": "atlas-as7-d", "include_deleted": false}
MATCH (:Unit {id: $unit_id})-[:HAS_LOADOUT]->(l:Loadout)
WHERE ($include_deleted OR l.deleted_at IS NULL) AND (l.tenant IS NULL OR l.tenant = $tenant)
RETURN [k IN keys(l) WHERE NOT k STARTS WITH '_' | [k, l[k]]] AS props
ORDER BY coalesce(l.is_stock, false) DESC, l.name, l.id
