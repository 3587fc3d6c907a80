// Removes the CONFLICTS_WITH (when $conflict) or REQUIRES edge from an Equipment item to a
// target; bumps the item's version when one was removed.
// @param id: the source Equipment id
// @param target_id: the target Equipment or Category id
// @param conflict: true for CONFLICTS_WITH, false for REQUIRES
// @param now: the write time
// @tenancy: resolved
// @example: {"id": "medium-laser", "target_id": "large-laser", "conflict": true, "now": "2026-11-30T12:00:00Z"}
MATCH (e:Equipment {id: $id})-[r:CONFLICTS_WITH|REQUIRES]->(target)
WHERE target.id = $target_id AND (type(r) = 'CONFLICTS_WITH') = $conflict
DELETE r
SET e.version = e.version + 1, e.updated_at = $now
RETURN properties(e) AS props
