// Re-parents one Category: drops its SUBCATEGORY_OF edge and, given a parent, adds one.
// @param id: the Category id
// @param parent_id: the new parent id, or null for a root
// @tenancy: resolved
// @example: {"id": "weapons-energy", "parent_id": "weapons"}
MATCH (c:Category {id: $id})
WITH c, {parent_id: $parent_id} AS row
// @include store/fragments/category_parent
RETURN c.id AS id
