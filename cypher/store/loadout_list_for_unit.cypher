// The loadouts of one unit, the stock one first.
// @param unit_id: the Unit id
// @param include_deleted: also list soft-deleted loadouts
// @example: {"unit_id": "atlas-as7-d", "include_deleted": false}
MATCH (:Unit {id: $unit_id})-[:HAS_LOADOUT]->(l:Loadout)
WHERE $include_deleted OR l.deleted_at IS NULL
RETURN properties(l) AS props
ORDER BY coalesce(l.is_stock, false) DESC, l.name, l.id
