// Stores new versions. Each is immutable once written: a later version never changes it,
// and the unique `key` (label:id#number) refuses a second version with its number.
// @param versions: [{key, entity_label, entity_id, number, snapshot, base, body, hash, previous_hash, parents, equipment_ids, deleted, size}]
// @param at: when
// @param actor: who
// @param source: where it came from (library, api, importer, migration, restore, merge)
// @param note: the change note, or null
// @example: {"versions": [{"key": "Unit:atlas-as7-d#2", "entity_label": "Unit", "entity_id": "atlas-as7-d", "number": 2, "snapshot": false, "base": 1, "body": "{}", "hash": "h", "previous_hash": "g", "parents": ["Unit:atlas-as7-d#1"], "equipment_ids": null, "deleted": false, "size": 2}], "at": "2026-11-30T12:00:00Z", "actor": "example", "source": "library", "note": null}
UNWIND $versions AS row
CREATE (v:Version {
  key: row.key, entity_label: row.entity_label, entity_id: row.entity_id,
  number: row.number, snapshot: row.snapshot, base: row.base, body: row.body, size: row.size,
  hash: row.hash, previous_hash: row.previous_hash, parents: row.parents,
  equipment_ids: row.equipment_ids, deleted: row.deleted,
  at: $at, actor: $actor, source: $source, note: $note
})
RETURN count(v) AS recorded
