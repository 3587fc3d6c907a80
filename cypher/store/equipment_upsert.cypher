// Creates or replaces Equipment in one batch and sets each item's categories to exactly
// `category_ids`. Version starts at 1 and grows by one per write.
// @param rows: [{id, props, category_ids}]
UNWIND $rows AS row
MERGE (n:Equipment {id: row.id})
// @include store/fragments/upserted_entity
// @include store/fragments/equipment_name
WITH n, row
// @include store/fragments/equipment_categories
RETURN n.id AS id, properties(n) AS props
