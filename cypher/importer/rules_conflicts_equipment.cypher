// Records that two items exclude each other (CONFLICTS_WITH, reason on the relationship). Idempotent.
// @param rows: list of {from_id, to_id, reason}
UNWIND $rows AS row
MATCH (a:Equipment {id: row.from_id})
WHERE NOT a:Unresolved
MATCH (b:Equipment {id: row.to_id})
WHERE NOT b:Unresolved
MERGE (a)-[r:CONFLICTS_WITH]->(b)
SET r.reason = row.reason
RETURN count(r) AS written
