// Deletes one Category for good. Members and subcategories (only reached with force) are
// detached, not deleted: members lose this category, subcategories become roots.
// @param id: the Category id
MATCH (c:Category {id: $id})
WITH c,
  [(e:Equipment)-[:IN_CATEGORY]->(c) | {relationship: 'IN_CATEGORY', equipment_id: e.id}] +
  [(child:Category)-[:SUBCATEGORY_OF]->(c) |
    {relationship: 'SUBCATEGORY_OF', category_id: child.id}] AS detached
DETACH DELETE c
RETURN [] AS cascaded, detached
