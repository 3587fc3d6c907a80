// Creates or replaces Categories in one batch (their parents are linked next, by
// store/category_link_parents, so a parent may be in the same batch). Version starts at 1.
// @param rows: [{id, props, parent_id}]
// @example: {"rows": [{"id": "weapons-energy", "props": {"name": "Energy"}, "parent_id": "weapons", "change": {"id": "c1", "label": "Unit", "after": "{}", "note": null}}], "now": "2026-11-30T12:00:00Z"}
UNWIND $rows AS row
MERGE (n:Category {id: row.id})
// @include store/fragments/upserted_entity
RETURN n.id AS id, before, properties(n) AS props
