// Creates or updates a unit's locations (slot capacity and fixed occupants) and links them.
// @param rows: list of {id, unit_id, props}
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit_id})
MERGE (l:Location {id: row.id})
SET l += row.props
MERGE (u)-[:HAS_LOCATION]->(l)
RETURN count(l) AS written
