// Writes a batch of Equipment patches (graphstore.store.entities.patch_many), each already
// claimed and checked in this transaction: sets the given properties and bumps the version.
// @param rows: [{id, props}] (a null in props removes that property)
// @param now: the write time
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"rows": [{"id": "medium-laser", "props": {"notes": "example"}}], "now": "2026-11-30T12:00:00Z"}
UNWIND $rows AS row
MATCH (n:Equipment {id: row.id})
WHERE n.tenant IS NULL OR n.tenant = $tenant
SET n += row.props, n.version = n.version + 1, n.updated_at = $now
// @include store/fragments/equipment_name
RETURN n.id AS id, properties(n) AS props
