// What conflicts with an item (CONFLICTS_WITH either way, to items or categories) and what it
// requires (REQUIRES).
// @param equipment_id: the Equipment id
// @tenancy: platform
// @example: {"equipment_id": "masc"}
MATCH (item:Equipment {id: $equipment_id})
OPTIONAL MATCH (item)-[conflict:CONFLICTS_WITH]-(other)
WITH item, collect(conflict) AS conflicts, collect(other) AS conflicting
OPTIONAL MATCH (item)-[requirement:REQUIRES]->(needed)
RETURN item, conflicts, conflicting, collect(requirement) AS requirements,
  collect(needed) AS needs
