// Writes a batch of audit Changes, each linked by CHANGED to its entity when that exists
// (each label's rows look their entities up by that label's id index), and the versions
// the same operation made (graphstore.store.history.record), each becoming its entity's
// head: one statement, so versioning adds no round trip to a write.
// @param changes: [{id, log_key, operation, entity_label, entity_id, before, after, note}] (before/after are JSON; log_key: graphstore.store.audit.log_key)
// @param versions: [{key, entity_label, entity_id, number, snapshot, base, body, size, hash, previous_hash, parents, equipment_ids, deleted, note, history}]
// @param actor: who made the change
// @param source: where it came from (library, api, importer, migration, restore, merge, repair)
// @param at: when
// @param owner_tenant: the tenant the write stamps on what it creates, null for shared data (filled in by the store)
// @param key_id: the API key that made the change, null for the library
// @tenancy: resolved
// @example: {"changes": [{"id": "c1", "log_key": "2026-11-30T12:00:00.000000Z|c1", "operation": "update", "entity_label": "Unit", "entity_id": "atlas-as7-d", "before": "{}", "after": "{}", "note": null}], "versions": [{"key": "Unit:atlas-as7-d#2", "entity_label": "Unit", "entity_id": "atlas-as7-d", "number": 2, "snapshot": false, "base": 1, "body": "{}", "size": 2, "hash": "h", "previous_hash": "g", "parents": ["Unit:atlas-as7-d#1"], "equipment_ids": null, "deleted": false, "note": null, "history": "{}"}], "actor": "example", "source": "library", "at": "2026-11-30T12:00:00Z", "key_id": null}
UNWIND $changes AS row
CREATE (c:Change {
  id: row.id, log_key: row.log_key, at: $at, actor: $actor, source: $source, note: row.note,
  operation: row.operation, entity_label: row.entity_label, entity_id: row.entity_id,
  before: row.before, after: row.after, tenant: $owner_tenant, key_id: $key_id
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
CALL () {
  UNWIND $versions AS row
  CREATE (:Version {
    key: row.key, entity_label: row.entity_label, entity_id: row.entity_id,
    number: row.number, snapshot: row.snapshot, base: row.base, body: row.body,
    size: row.size, hash: row.hash, previous_hash: row.previous_hash, parents: row.parents,
    equipment_ids: row.equipment_ids, deleted: row.deleted,
    at: $at, actor: $actor, source: $source, note: row.note,
    tenant: $owner_tenant, key_id: $key_id
  })
  RETURN count(*) AS versions
}
CALL () {
  UNWIND [v IN $versions WHERE v.entity_label = 'Unit'] AS row
  MATCH (n:Unit {id: row.entity_id})
  SET n._history = row.history
  RETURN count(*) AS unit_heads
}
CALL () {
  UNWIND [v IN $versions WHERE v.entity_label = 'Loadout'] AS row
  MATCH (n:Loadout {id: row.entity_id})
  SET n._history = row.history
  RETURN count(*) AS loadout_heads
}
RETURN size(made) AS recorded, versions
