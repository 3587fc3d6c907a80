// Adds (or re-words) a rule edge from an Equipment item to an Equipment item or Category:
// CONFLICTS_WITH when $conflict, otherwise REQUIRES. Bumps the source item's version.
// @param id: the source Equipment id
// @param target_id: the target Equipment or Category id
// @param conflict: true for CONFLICTS_WITH, false for REQUIRES
// @param reason: why the rule holds
// @param now: the write time
// @tenancy: resolved
// @example: {"id": "medium-laser", "target_id": "large-laser", "conflict": true, "reason": "example", "now": "2026-11-30T12:00:00Z"}
MATCH (e:Equipment {id: $id})
OPTIONAL MATCH (te:Equipment {id: $target_id})
OPTIONAL MATCH (tc:Category {id: $target_id})
WITH e, coalesce(te, tc) AS target
WHERE target IS NOT NULL
FOREACH (t IN CASE WHEN $conflict THEN [target] ELSE [] END |
  MERGE (e)-[r:CONFLICTS_WITH]->(t) SET r.reason = $reason)
FOREACH (t IN CASE WHEN $conflict THEN [] ELSE [target] END |
  MERGE (e)-[r:REQUIRES]->(t) SET r.reason = $reason)
SET e.version = e.version + 1, e.updated_at = $now
RETURN properties(e) AS props, labels(target) AS target_labels
