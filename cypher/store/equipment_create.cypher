// Creates Equipment items in their categories. CREATE, never MERGE: an id that exists
// already fails on the unique constraint.
// @param rows: [{id, props, category_ids}]
UNWIND $rows AS row
CREATE (n:Equipment {id: row.id})
// @include store/fragments/new_entity
// @include store/fragments/equipment_name
WITH n, row
// @include store/fragments/equipment_categories
RETURN n.id AS id, properties(n) AS props
