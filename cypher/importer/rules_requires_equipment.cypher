// Records that an item needs another item (REQUIRES, reason on the relationship). Idempotent.
// @param rows: list of {from_id, to_id, reason}
UNWIND $rows AS row
MATCH (a:Equipment {id: row.from_id})
WHERE NOT a:Unresolved
MATCH (b:Equipment {id: row.to_id})
WHERE NOT b:Unresolved
MERGE (a)-[r:REQUIRES]->(b)
SET r.reason = row.reason
RETURN count(r) AS written
