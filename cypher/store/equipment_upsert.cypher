// Creates or replaces Equipment in one batch and sets each item's categories to exactly
// `category_ids`. Version starts at 1 and grows by one per write.
// @param rows: [{id, props, category_ids}]
// @example: {"rows": [{"id": "medium-laser", "props": {"name": "Medium Laser"}, "category_ids": ["weapons-energy"], "change": {"id": "c1", "label": "Unit", "after": "{}", "note": null}}], "now": "2026-11-30T12:00:00Z"}
UNWIND $rows AS row
MERGE (n:Equipment {id: row.id})
// @include store/fragments/upserted_entity
// @include store/fragments/equipment_name
WITH n, row, before
// @include store/fragments/equipment_categories
RETURN n.id AS id, before, properties(n) AS props
