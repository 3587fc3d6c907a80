// The baseline a bulk patch is held against: one property set on each unit by id, with
// nothing else (no claim, no version, no audit).
// @param rows: [{id, role}]
UNWIND $rows AS row
MATCH (n:Unit {id: row.id})
SET n.role = row.role
RETURN count(n) AS written
