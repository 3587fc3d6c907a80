// Calculations hung off nothing.
// @severity: warning
// @tenancy: platform
MATCH (calc:Calculation)
WHERE NOT EXISTS { ()-[:HAS_CALCULATION]->(calc) }
RETURN 'Calculation' AS label, calc.id AS id, 'no entity has this calculation' AS detail
