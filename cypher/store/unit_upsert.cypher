// Creates or replaces Units in one batch, with their locations: listed locations are
// merged, unlisted ones removed. Version starts at 1 and grows by one per write.
// @param rows: [{id, props, locations: [{code, crit_slots, fixed_slots, fixed}]}]
// @example: {"rows": [{"id": "atlas-as7-d", "props": {"chassis": "Atlas"}, "locations": [{"code": "HEAD", "crit_slots": 6, "fixed_slots": 5, "fixed": []}], "change": {"id": "c1", "label": "Unit", "after": "{}", "note": null}}], "now": "2026-11-30T12:00:00Z"}
UNWIND $rows AS row
MERGE (n:Unit {id: row.id})
// @include store/fragments/upserted_entity
// @include store/fragments/unit_name
WITH n AS u, row, before
// @include store/fragments/unit_locations
RETURN u.id AS id, before, properties(u) AS props
