// Writes a batch of audit Changes, each linked by CHANGED to its entity when that exists.
// @param changes: [{id, operation, entity_label, entity_id, before, after}] (before/after are JSON)
// @param actor: who made the change
// @param at: when
UNWIND $changes AS row
CREATE (c:Change {
  id: row.id, at: $at, actor: $actor, operation: row.operation,
  entity_label: row.entity_label, entity_id: row.entity_id,
  before: row.before, after: row.after
})
WITH c, row
OPTIONAL MATCH (u:Unit {id: row.entity_id}) WHERE row.entity_label = 'Unit'
OPTIONAL MATCH (e:Equipment {id: row.entity_id}) WHERE row.entity_label = 'Equipment'
OPTIONAL MATCH (k:Category {id: row.entity_id}) WHERE row.entity_label = 'Category'
OPTIONAL MATCH (l:Loadout {id: row.entity_id}) WHERE row.entity_label = 'Loadout'
WITH c, coalesce(u, e, k, l) AS target
FOREACH (t IN CASE WHEN target IS NULL THEN [] ELSE [target] END |
  CREATE (c)-[:CHANGED]->(t)
)
RETURN count(c) AS recorded
