// Benchmark baseline: the bare indexed lookup of one unit's properties, nothing else.
// @param id: a unit id
MATCH (u:Unit {id: $id})
RETURN properties(u) AS unit
