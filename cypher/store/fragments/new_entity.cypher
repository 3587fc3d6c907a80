// Stamps the newly created node `n` with `row.props` (version 1, created and updated now)
// and records its creation in the audit trail in the same statement: `row.change` is the
// Change the store prepared ({id, log_key, label, after, note}).
// @param now: the write time
// @param actor: who made the change
// @param source: where it came from (library, api, importer, ...)
// @param owner_tenant: the tenant the write stamps on what it creates, null for shared data (filled in by the store)
// @param key_id: the API key that made the change, null for the library
SET n += row.props, n.tenant = $owner_tenant, n.version = 1, n.created_at = $now, n.updated_at = $now
CREATE (:Change {
  id: row.change.id, log_key: row.change.log_key, at: $now, actor: $actor, source: $source,
  note: row.change.note,
  operation: 'create', entity_label: row.change.label, entity_id: row.id,
  before: '{}', after: row.change.after, tenant: $owner_tenant, key_id: $key_id
})-[:CHANGED]->(n)
