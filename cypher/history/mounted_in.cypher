// The loadouts that mounted an item at a time: each loadout's newest version at or before
// it, when that version was live and mounted the item.
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @scan: a temporal query over every stored loadout version (an item's past mounts are in no index; docs/history.md)
// @param equipment_id: the item
// @param at: the time
// @param limit: at most this many loadouts
// @example: {"equipment_id": "medium-laser", "at": "2026-11-30T12:00:00Z", "limit": 100}
MATCH (v:Version)
WHERE v.entity_label = 'Loadout' AND v.at <= $at AND (v.tenant IS NULL OR v.tenant = $tenant)
WITH v.entity_id AS loadout_id, max(v.number) AS number
MATCH (h:Version {entity_id: loadout_id})
WHERE h.entity_label = 'Loadout' AND (h.tenant IS NULL OR h.tenant = $tenant) AND h.number = number AND NOT h.deleted
  AND $equipment_id IN h.equipment_ids
RETURN loadout_id, number AS version, h.at AS at
ORDER BY loadout_id
LIMIT $limit
