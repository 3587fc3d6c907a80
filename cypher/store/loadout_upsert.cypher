// Creates or replaces Loadouts in one batch: each is owned by its unit (HAS_LOADOUT, moved
// from any other unit) and its mounts are replaced by `mounts`.
// @param rows: [{id, props, unit_id, mounts: [{mount_id, equipment_id, location, slot, rear, quantity, original_id}]}]
// @example: {"rows": [{"id": "atlas-as7-d.stock", "props": {"name": "Stock"}, "unit_id": "atlas-as7-d", "mounts": [{"mount_id": "m1", "equipment_id": "medium-laser", "location": "RIGHT_ARM", "slot": null, "rear": false, "quantity": 1, "original_id": null}], "change": {"id": "c1", "label": "Unit", "after": "{}", "note": null}}], "now": "2026-11-30T12:00:00Z"}
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit_id})
MERGE (n:Loadout {id: row.id})
// @include store/fragments/upserted_entity
MERGE (u)-[:HAS_LOADOUT]->(n)
WITH u, n AS l, row, before
CALL (u, l) {
  OPTIONAL MATCH (other:Unit)-[stale:HAS_LOADOUT]->(l)
  WHERE other <> u
  DELETE stale
  RETURN count(*) AS moved
}
// @include store/fragments/loadout_mounts
RETURN l.id AS id, before, properties(l) AS props
