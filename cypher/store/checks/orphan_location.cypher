// Locations no unit has.
// @severity: error
// @tenancy: platform
MATCH (loc:Location)
WHERE NOT EXISTS { (:Unit)-[:HAS_LOCATION]->(loc) }
RETURN 'Location' AS label, loc.id AS id, 'no unit has this location' AS detail
