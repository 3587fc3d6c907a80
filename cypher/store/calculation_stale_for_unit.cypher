// Marks the calculations of a unit and of its loadouts stale (an input changed).
// @param unit_id: the Unit id
// @tenancy: resolved
// @example: {"unit_id": "atlas-as7-d"}
MATCH (u:Unit {id: $unit_id})
OPTIONAL MATCH (u)-[:HAS_LOADOUT]->(:Loadout)-[:HAS_CALCULATION]->(calc:Calculation)
SET calc.stale = true
RETURN count(calc) AS marked
