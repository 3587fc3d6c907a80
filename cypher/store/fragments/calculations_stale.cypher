// Marks the loadout `l`'s calculations stale: one of their inputs changed.
CALL (l) {
  OPTIONAL MATCH (l)-[:HAS_CALCULATION]->(calc:Calculation)
  SET calc.stale = true
  RETURN count(calc) AS marked
}
