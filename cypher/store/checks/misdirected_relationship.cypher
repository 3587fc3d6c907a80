// Relationships between the wrong kinds of node (docs/model.md says which labels each type
// joins): what a link left to a deleted record becomes when the engine reuses the record.
// MOUNTS has its own check (dangling_mount).
// @severity: error
// @tenancy: platform
MATCH (a)-[:HAS_LOCATION]->(b) WHERE NOT a:Unit OR NOT b:Location
RETURN head(labels(a)) AS label, a.id AS id, 'HAS_LOCATION to ' + coalesce(b.id, '?') AS detail
UNION ALL
MATCH (a)-[:HAS_LOADOUT]->(b) WHERE NOT a:Unit OR NOT b:Loadout
RETURN head(labels(a)) AS label, a.id AS id, 'HAS_LOADOUT to ' + coalesce(b.id, '?') AS detail
UNION ALL
MATCH (a)-[:DERIVED_FROM]->(b) WHERE NOT a:Loadout OR NOT b:Loadout
RETURN head(labels(a)) AS label, a.id AS id, 'DERIVED_FROM to ' + coalesce(b.id, '?') AS detail
UNION ALL
MATCH (a)-[:IN_CATEGORY]->(b) WHERE NOT a:Equipment OR NOT b:Category
RETURN head(labels(a)) AS label, a.id AS id, 'IN_CATEGORY to ' + coalesce(b.id, '?') AS detail
UNION ALL
MATCH (a)-[:SUBCATEGORY_OF]->(b) WHERE NOT a:Category OR NOT b:Category
RETURN head(labels(a)) AS label, a.id AS id, 'SUBCATEGORY_OF to ' + coalesce(b.id, '?') AS detail
UNION ALL
MATCH (a)-[:CONFLICTS_WITH|REQUIRES]->(b)
WHERE NOT a:Equipment OR NOT (b:Equipment OR b:Category)
RETURN head(labels(a)) AS label, a.id AS id, 'rule edge to ' + coalesce(b.id, '?') AS detail
UNION ALL
MATCH (a)-[:HAS_OVERRIDE]->(b) WHERE NOT (a:Unit OR a:Loadout) OR NOT b:AcceptedViolation
RETURN head(labels(a)) AS label, a.id AS id, 'HAS_OVERRIDE to ' + coalesce(b.id, '?') AS detail
UNION ALL
MATCH (a)-[:HAS_CALCULATION]->(b) WHERE NOT (a:Unit OR a:Loadout) OR NOT b:Calculation
RETURN head(labels(a)) AS label, a.id AS id, 'HAS_CALCULATION to ' + coalesce(b.id, '?') AS detail
UNION ALL
MATCH (a)-[:CHANGED]->(b)
WHERE NOT a:Change OR NOT (b:Unit OR b:Equipment OR b:Category OR b:Loadout)
RETURN head(labels(a)) AS label, a.id AS id, 'CHANGED to ' + coalesce(b.id, '?') AS detail
