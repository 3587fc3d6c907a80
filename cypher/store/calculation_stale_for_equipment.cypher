// Marks the calculations of every loadout that mounts an item stale (an input changed).
// @param equipment_id: the Equipment id
// @tenancy: resolved
// @example: {"equipment_id": "medium-laser"}
MATCH (:Equipment {id: $equipment_id})<-[:MOUNTS]-(:Loadout)-[:HAS_CALCULATION]->(calc:Calculation)
SET calc.stale = true
RETURN count(DISTINCT calc) AS marked
