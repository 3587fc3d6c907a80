// Sets an Equipment item's categories to exactly these.
// @param id: the Equipment id
// @param category_ids: the category ids it belongs to from now on
// @tenancy: resolved
// @example: {"id": "medium-laser", "category_ids": ["weapons-energy"]}
MATCH (n:Equipment {id: $id})
WITH n, {category_ids: $category_ids} AS row
// @include store/fragments/equipment_categories
RETURN n.id AS id
