// Creates Categories under their parents (which exist already). CREATE, never MERGE: an id
// that exists already fails on the unique constraint.
// @param rows: [{id, props, parent_id}]; each with the `change` recording its creation
// @param returning: whether to return the written properties
// @example: {"rows": [{"id": "weapons-energy", "props": {"name": "Energy"}, "parent_id": "weapons", "change": {"id": "c1", "label": "Unit", "after": "{}", "note": null}}], "returning": false, "now": "2026-11-30T12:00:00Z", "actor": "example", "source": "library", "key_id": null}
UNWIND $rows AS row
CREATE (n:Category {id: row.id})
// @include store/fragments/new_entity
WITH n AS c, row
// @include store/fragments/category_parent
RETURN c.id AS id, CASE WHEN $returning THEN properties(c) END AS props
