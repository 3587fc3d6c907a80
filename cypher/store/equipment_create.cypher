// Creates Equipment items in their categories. CREATE, never MERGE: an id that exists
// already fails on the unique constraint.
// @param rows: [{id, props, category_ids}]; each with the `change` recording its creation
// @param returning: whether to return the written properties
// @example: {"rows": [{"id": "medium-laser", "props": {"name": "Medium Laser"}, "category_ids": ["weapons-energy"], "change": {"id": "c1", "label": "Unit", "after": "{}", "note": null}}], "returning": false, "now": "2026-11-30T12:00:00Z", "actor": "example", "source": "library", "key_id": null}
UNWIND $rows AS row
CREATE (n:Equipment {id: row.id})
// @include store/fragments/new_entity
// @include store/fragments/equipment_name
WITH n, row
// @include store/fragments/new_equipment_categories
RETURN n.id AS id, CASE WHEN $returning THEN properties(n) END AS props
