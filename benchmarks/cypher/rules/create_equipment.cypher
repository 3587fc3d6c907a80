// Benchmark data: creates catalog equipment and files it in its categories.
// @param rows: list of {props, categories}
UNWIND $rows AS row
CREATE (equipment:Equipment)
SET equipment = row.props
WITH equipment, row
UNWIND row.categories AS category_id
MATCH (category:Category {id: category_id})
CREATE (equipment)-[:IN_CATEGORY]->(category)
