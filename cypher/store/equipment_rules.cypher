// The rule edges leaving one Equipment item: kind, target id and label, reason.
// @param id: the Equipment id
// @tenancy: resolved
// @example: {"id": "medium-laser"}
MATCH (:Equipment {id: $id})-[r:CONFLICTS_WITH|REQUIRES]->(target)
RETURN type(r) AS kind, target.id AS target_id,
  CASE WHEN target:Category THEN 'Category' ELSE 'Equipment' END AS target_label,
  r.reason AS reason
ORDER BY kind, target_id
