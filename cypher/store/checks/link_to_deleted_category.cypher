// Live equipment in a soft-deleted category, and live categories under one (a category's
// soft delete is restricted by its live members and subcategories).
// @severity: error
// @tenancy: platform
MATCH (e:Equipment)-[:IN_CATEGORY]->(c:Category)
WHERE c.deleted_at IS NOT NULL AND e.deleted_at IS NULL
RETURN 'Equipment' AS label, e.id AS id, 'live, in deleted category ' + c.id AS detail
UNION ALL
MATCH (child:Category)-[:SUBCATEGORY_OF]->(c:Category)
WHERE c.deleted_at IS NOT NULL AND child.deleted_at IS NULL
RETURN 'Category' AS label, child.id AS id, 'live, under deleted category ' + c.id AS detail
