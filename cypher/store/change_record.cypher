// Writes a batch of audit Changes, each linked by CHANGED to its entity when that exists.
// Each row looks its entity up by its own label only (one index seek, not four).
// @param changes: [{id, operation, entity_label, entity_id, before, after, note}] (before/after are JSON)
// @param actor: who made the change
// @param source: where it came from (library, api, importer, migration, restore, merge, repair)
// @param at: when
UNWIND $changes AS row
CREATE (c:Change {
  id: row.id, at: $at, actor: $actor, source: $source, note: row.note,
  operation: row.operation, entity_label: row.entity_label, entity_id: row.entity_id,
  before: row.before, after: row.after
})
WITH c, row
CALL (c, row) {
  WITH c, row WHERE row.entity_label = 'Unit'
  MATCH (t:Unit {id: row.entity_id})
  CREATE (c)-[:CHANGED]->(t)
  RETURN count(*) AS linked
  UNION ALL
  WITH c, row WHERE row.entity_label = 'Equipment'
  MATCH (t:Equipment {id: row.entity_id})
  CREATE (c)-[:CHANGED]->(t)
  RETURN count(*) AS linked
  UNION ALL
  WITH c, row WHERE row.entity_label = 'Category'
  MATCH (t:Category {id: row.entity_id})
  CREATE (c)-[:CHANGED]->(t)
  RETURN count(*) AS linked
  UNION ALL
  WITH c, row WHERE row.entity_label = 'Loadout'
  MATCH (t:Loadout {id: row.entity_id})
  CREATE (c)-[:CHANGED]->(t)
  RETURN count(*) AS linked
}
RETURN count(DISTINCT c) AS recorded
