// Writes a batch of audit Changes, each linked by CHANGED to its entity when that exists
// (each label's rows look their entities up by that label's id index).
// @param changes: [{id, operation, entity_label, entity_id, before, after, note}] (before/after are JSON)
// @param actor: who made the change
// @param source: where it came from (library, api, importer, migration, restore, merge, repair)
// @param at: when
// @example: {"changes": [{"id": "c1", "operation": "update", "entity_label": "Unit", "entity_id": "atlas-as7-d", "before": "{}", "after": "{}", "note": null}], "actor": "example", "source": "library", "at": "2026-11-30T12:00:00Z"}
UNWIND $changes AS row
CREATE (c:Change {
  id: row.id, at: $at, actor: $actor, source: $source, note: row.note,
  operation: row.operation, entity_label: row.entity_label, entity_id: row.entity_id,
  before: row.before, after: row.after
})
WITH collect({change: c, entity_id: row.entity_id, label: row.entity_label}) AS made
CALL (made) {
  UNWIND [m IN made WHERE m.label = 'Unit'] AS m
  MATCH (t:Unit {id: m.entity_id})
  WITH m.change AS c, t
  CREATE (c)-[:CHANGED]->(t)
  RETURN count(*) AS units
}
CALL (made) {
  UNWIND [m IN made WHERE m.label = 'Equipment'] AS m
  MATCH (t:Equipment {id: m.entity_id})
  WITH m.change AS c, t
  CREATE (c)-[:CHANGED]->(t)
  RETURN count(*) AS items
}
CALL (made) {
  UNWIND [m IN made WHERE m.label = 'Category'] AS m
  MATCH (t:Category {id: m.entity_id})
  WITH m.change AS c, t
  CREATE (c)-[:CHANGED]->(t)
  RETURN count(*) AS categories
}
CALL (made) {
  UNWIND [m IN made WHERE m.label = 'Loadout'] AS m
  MATCH (t:Loadout {id: m.entity_id})
  WITH m.change AS c, t
  CREATE (c)-[:CHANGED]->(t)
  RETURN count(*) AS loadouts
}
RETURN size(made) AS recorded
