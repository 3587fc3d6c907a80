// Benchmark data: REQUIRES from an item to an item or a category.
// @param rows: list of {from_id, to_id}
UNWIND $rows AS row
MATCH (source:Equipment {id: row.from_id})
CALL (row) {
  MATCH (target:Equipment {id: row.to_id})
  RETURN target
  UNION
  MATCH (target:Category {id: row.to_id})
  RETURN target
}
CREATE (source)-[:REQUIRES {reason: 'benchmark'}]->(target)
