// Removes locations a re-imported unit no longer has.
// @param units: list of {id, codes}
UNWIND $units AS row
MATCH (:Unit {id: row.id})-[:HAS_LOCATION]->(l:Location)
WHERE NOT l.code IN row.codes
DETACH DELETE l
RETURN count(*) AS pruned
