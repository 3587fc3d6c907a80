// Writes `row.props` over the node `n` that a MERGE found or made: a new one starts at
// version 1, an existing one gets the next version. `before` is what it held (for a new
// one, version 0): whether the write created or replaced is decided here, where it happens.
// @param now: the write time
// @param owner_tenant: the tenant the write stamps on what it creates, null for shared data (filled in by the store)
ON CREATE SET n.version = 0, n.created_at = $now, n.tenant = $owner_tenant
WITH *, properties(n) AS before
SET n += row.props, n.version = n.version + 1, n.updated_at = $now
