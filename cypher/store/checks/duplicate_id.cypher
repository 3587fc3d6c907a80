// Ids held by more than one node of the same label (possible only without the constraints).
// @severity: error
// @tenancy: platform
MATCH (n:Unit) WITH 'Unit' AS label, n.id AS id, count(*) AS copies WHERE copies > 1
RETURN label, id, toString(copies) + ' nodes share this id' AS detail
UNION ALL
MATCH (n:Equipment) WITH 'Equipment' AS label, n.id AS id, count(*) AS copies WHERE copies > 1
RETURN label, id, toString(copies) + ' nodes share this id' AS detail
UNION ALL
MATCH (n:Category) WITH 'Category' AS label, n.id AS id, count(*) AS copies WHERE copies > 1
RETURN label, id, toString(copies) + ' nodes share this id' AS detail
UNION ALL
MATCH (n:Loadout) WITH 'Loadout' AS label, n.id AS id, count(*) AS copies WHERE copies > 1
RETURN label, id, toString(copies) + ' nodes share this id' AS detail
