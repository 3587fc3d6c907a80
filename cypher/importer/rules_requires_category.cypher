// Records that an item needs any member of a category (REQUIRES, reason on the relationship). Idempotent.
// @param rows: list of {from_id, to_id, reason}; to_id is a category id
UNWIND $rows AS row
MATCH (a:Equipment {id: row.from_id})
WHERE NOT a:Unresolved
MATCH (c:Category {id: row.to_id})
MERGE (a)-[r:REQUIRES]->(c)
SET r.reason = row.reason
RETURN count(r) AS written
