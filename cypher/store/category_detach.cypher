// Detaches a Category's members and subcategories (a forced delete): members lose this
// category, subcategories become roots. Returns what was detached.
// @param id: the Category id
// @param live_only: detach live members and subcategories only (a forced soft delete)
// @tenancy: resolved
// @example: {"id": "weapons-energy", "live_only": true}
MATCH (c:Category {id: $id})
OPTIONAL MATCH (e:Equipment)-[membership:IN_CATEGORY]->(c)
WHERE NOT $live_only OR e.deleted_at IS NULL
WITH c, collect({relationship: 'IN_CATEGORY', equipment_id: e.id}) AS members,
  collect(membership) AS memberships
FOREACH (r IN memberships | DELETE r)
WITH c, members
OPTIONAL MATCH (child:Category)-[link:SUBCATEGORY_OF]->(c)
WHERE NOT $live_only OR child.deleted_at IS NULL
WITH members, collect({relationship: 'SUBCATEGORY_OF', category_id: child.id}) AS children,
  collect(link) AS links
FOREACH (r IN links | DELETE r)
RETURN [d IN members WHERE d.equipment_id IS NOT NULL] +
  [d IN children WHERE d.category_id IS NOT NULL] AS detached
