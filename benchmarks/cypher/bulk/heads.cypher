// A batch-record design's first statement: claims the units and reads their version heads
// (what the next version is computed from), nothing else.
// @param ids: Unit ids
UNWIND $ids AS id
MATCH (n:Unit {id: id})
SET n._lock = coalesce(n._lock, 0) + 1
RETURN n.id AS id, n.version AS version, n._history AS head
