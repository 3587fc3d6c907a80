// Owned nodes with more than one owner (each has exactly one: docs/model.md), and
// categories with more than one parent.
// @severity: error
// @tenancy: platform
MATCH (u:Unit)-[:HAS_LOADOUT]->(l:Loadout)
WITH l, count(u) AS owners WHERE owners > 1
RETURN 'Loadout' AS label, l.id AS id, 'owned by ' + toString(owners) + ' units' AS detail
UNION ALL
MATCH (u:Unit)-[:HAS_LOCATION]->(loc:Location)
WITH loc, count(u) AS owners WHERE owners > 1
RETURN 'Location' AS label, loc.id AS id, 'owned by ' + toString(owners) + ' units' AS detail
UNION ALL
MATCH (owner)-[:HAS_CALCULATION]->(calc:Calculation)
WITH calc, count(owner) AS owners WHERE owners > 1
RETURN 'Calculation' AS label, calc.id AS id, 'owned by ' + toString(owners) + ' entities' AS detail
UNION ALL
MATCH (c:Category)-[:SUBCATEGORY_OF]->(parent:Category)
WITH c, count(parent) AS parents WHERE parents > 1
RETURN 'Category' AS label, c.id AS id, toString(parents) + ' parents' AS detail
