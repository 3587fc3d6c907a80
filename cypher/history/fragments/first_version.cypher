// Stores version 1 of the entity `n` a create statement just made (`row.version`, computed
// by graphstore.store.history.record.first_version), and makes it the entity's head.
// @param now: the write time
// @param actor: who made the change
// @param source: where it came from
// @param owner_tenant: the tenant the write stamps on what it creates, null for shared data (filled in by the store)
// @param key_id: the API key that made the change, null for the library
SET n._history = row.version.history
CREATE (:Version {
  key: row.version.key, entity_label: row.version.entity_label, entity_id: row.version.entity_id,
  number: 1, snapshot: true, base: 1, body: row.version.body, size: row.version.size,
  hash: row.version.hash, previous_hash: null, parents: row.version.parents,
  equipment_ids: row.version.equipment_ids, deleted: false,
  at: $now, actor: $actor, source: $source, note: row.version.note,
  tenant: $owner_tenant, key_id: $key_id
})
