// The rule edges leaving one Equipment item: kind, target id and label, reason.
// @param id: the Equipment id
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"id": "medium-laser"}
MATCH (e:Equipment {id: $id})-[r:CONFLICTS_WITH|REQUIRES]->(target)
WHERE (e.tenant IS NULL OR e.tenant = $tenant)
  AND (target.tenant IS NULL OR target.tenant = $tenant)
RETURN type(r) AS kind, target.id AS target_id,
  CASE WHEN target:Category THEN 'Category' ELSE 'Equipment' END AS target_label,
  r.reason AS reason
ORDER BY kind, target_id
