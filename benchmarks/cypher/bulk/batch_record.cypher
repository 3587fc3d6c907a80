// A batch-record design's second statement: every unit's patch, version and new head, and
// one node holding the whole batch's deltas and audit (instead of a Version and a Change
// per unit).
// @param rows: [{id, props, history}]
// @param key: the batch's key
// @param body: every entity's delta and audit record, as JSON
// @param now: the write time
UNWIND $rows AS row
MATCH (n:Unit {id: row.id})
SET n += row.props, n.version = n.version + 1, n.updated_at = $now, n._history = row.history
WITH count(n) AS written
CREATE (:BenchBatchRecord {key: $key, at: $now, body: $body})
RETURN written
