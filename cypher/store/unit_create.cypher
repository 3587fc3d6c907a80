// Creates Units with their locations. CREATE, never MERGE: an id that exists already fails
// on the unique constraint (the store reports AlreadyExistsError), even when two creates
// of it race.
// @param rows: [{id, props, locations: [{code, crit_slots, fixed_slots, fixed}]}]; each with the `change` recording its creation and its first `version`
// @param returning: whether to return the written properties
// @example: {"rows": [{"id": "atlas-as7-d", "props": {"chassis": "Atlas"}, "locations": [{"code": "HEAD", "crit_slots": 6, "fixed_slots": 5, "fixed": []}], "change": {"id": "c1", "label": "Unit", "after": "{}", "note": null}, "version": {"key": "Unit:atlas-as7-d#1", "entity_label": "Unit", "entity_id": "atlas-as7-d", "body": "{}", "size": 2, "hash": "h", "parents": [], "equipment_ids": null, "note": null, "history": "{}"}}], "returning": false, "now": "2026-11-30T12:00:00Z", "actor": "example", "source": "library", "key_id": null}
UNWIND $rows AS row
CREATE (n:Unit {id: row.id})
// @include store/fragments/new_entity
// @include history/fragments/first_version
// @include store/fragments/unit_name
WITH n AS u, row
// @include store/fragments/new_unit_locations
RETURN u.id AS id, CASE WHEN $returning THEN properties(u) END AS props
