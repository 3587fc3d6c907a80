// Benchmark baseline: the bare engine's bulk update, one property per unit by id.
// @param rows: list of {id, role}
UNWIND $rows AS row
MATCH (u:Unit {id: row.id})
SET u.role = row.role
RETURN count(u) AS updated
