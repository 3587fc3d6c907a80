// Creates Loadouts, each owned by its unit (HAS_LOADOUT), with their mounts. CREATE, never
// MERGE: an id that exists already fails on the unique constraint.
// @param rows: [{id, props, unit_id, mounts: [{mount_id, equipment_id, location, slot, rear, quantity, original_id}]}]; each with the `change` recording its creation and its first `version`
// @param returning: whether to return the written properties
// @example: {"rows": [{"id": "atlas-as7-d.stock", "props": {"name": "Stock"}, "unit_id": "atlas-as7-d", "mounts": [{"mount_id": "m1", "equipment_id": "medium-laser", "location": "RIGHT_ARM", "slot": null, "rear": false, "quantity": 1, "original_id": null}], "change": {"id": "c1", "label": "Unit", "after": "{}", "note": null}, "version": {"key": "Loadout:atlas-as7-d.stock#1", "entity_label": "Loadout", "entity_id": "atlas-as7-d.stock", "body": "{}", "size": 2, "hash": "h", "parents": [], "equipment_ids": null, "note": null, "history": "{}"}}], "returning": false, "now": "2026-11-30T12:00:00Z", "actor": "example", "source": "library", "key_id": null}
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit_id})
CREATE (u)-[:HAS_LOADOUT]->(n:Loadout {id: row.id})
// @include store/fragments/new_entity
// @include history/fragments/first_version
WITH n AS l, row
// @include store/fragments/new_loadout_mounts
RETURN l.id AS id, CASE WHEN $returning THEN properties(l) END AS props
