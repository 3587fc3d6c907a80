// Stamps the newly created node `n` with `row.props`: version 1, created and updated now.
// @param now: the write time
SET n += row.props, n.version = 1, n.created_at = $now, n.updated_at = $now
