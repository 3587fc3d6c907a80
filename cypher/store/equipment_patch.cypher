// Writes a batch of Equipment patches (graphstore.store.entities.patch_many) in one statement:
// claims each, and writes those that are live, at their expected version and writable by
// the scope; what it writes comes back, with what it held before (store/fragments/claimed_patch).
// @param rows: [{id, props, expected_version}] (a null in props removes that property)
// @param now: the write time
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"rows": [{"id": "medium-laser", "props": {"heat": 3}, "expected_version": null}], "now": "2026-11-30T12:00:00Z", "shared_writable": true}
UNWIND $rows AS row
MATCH (n:Equipment {id: row.id})
WHERE n.tenant IS NULL OR n.tenant = $tenant
// @include store/fragments/claimed_patch
// @include store/fragments/equipment_name
RETURN n.id AS id, before, properties(n) AS props
