// Calculated properties whose inputs changed since they were computed.
// @severity: warning
// @tenancy: platform
MATCH (l:Loadout)-[:HAS_CALCULATION]->(calc:Calculation)
WHERE calc.stale = true
RETURN 'Calculation' AS label, calc.id AS id, l.id AS loadout_id, 'stale since an input changed' AS detail
