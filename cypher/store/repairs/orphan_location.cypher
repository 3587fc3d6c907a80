// Re-links orphaned locations to the unit their unit_id names, or deletes them when that
// unit is gone (a location is only its unit's capacity).
// @tenancy: platform
MATCH (loc:Location)
WHERE NOT EXISTS { (:Unit)-[:HAS_LOCATION]->(loc) }
OPTIONAL MATCH (u:Unit {id: loc.unit_id})
WITH loc, u, loc.id AS location_id
FOREACH (owner IN CASE WHEN u IS NULL THEN [] ELSE [u] END | MERGE (owner)-[:HAS_LOCATION]->(loc))
FOREACH (gone IN CASE WHEN u IS NULL THEN [loc] ELSE [] END | DETACH DELETE gone)
RETURN 'Location' AS label, location_id AS id,
  CASE WHEN u IS NULL THEN 'deleted (its unit is gone)' ELSE 're-linked to unit ' + u.id END AS action
