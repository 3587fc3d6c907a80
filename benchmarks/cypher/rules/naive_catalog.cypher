// The naive approach's catalog: category tree, category membership, conflicts and
// requirements, fetched once.
MATCH (category:Category)
OPTIONAL MATCH (category)-[:SUBCATEGORY_OF]->(parent:Category)
WITH collect({id: category.id, parent_id: parent.id}) AS categories
RETURN categories,
  COLLECT {
    MATCH (equipment:Equipment)-[:IN_CATEGORY]->(category:Category)
    RETURN {equipment_id: equipment.id, category_id: category.id} AS membership
  } AS memberships,
  COLLECT {
    MATCH (source:Equipment)-[:CONFLICTS_WITH]->(target)
    RETURN {from_id: source.id, to_id: target.id} AS pair
  } AS conflicts,
  COLLECT {
    MATCH (source:Equipment)-[:REQUIRES]->(target)
    RETURN {from_id: source.id, to_id: target.id} AS pair
  } AS requirements
