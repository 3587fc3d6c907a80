// Deletes calculations hung off nothing (they can be recomputed).
// @tenancy: platform
MATCH (calc:Calculation)
WHERE NOT EXISTS { ()-[:HAS_CALCULATION]->(calc) }
WITH calc, calc.id AS calculation_id
DETACH DELETE calc
RETURN 'Calculation' AS label, calculation_id AS id, 'deleted' AS action
