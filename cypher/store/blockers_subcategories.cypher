// What keeps a Category from being deleted: its subcategories (for a soft delete, the live
// ones only).
// @param id: the Category id
// @param live_only: count only live subcategories
// @tenancy: resolved
// @example: {"id": "weapons-energy", "live_only": true}
MATCH (child:Category)-[:SUBCATEGORY_OF]->(:Category {id: $id})
WHERE NOT $live_only OR child.deleted_at IS NULL
RETURN child.id AS category_id
