// Claims the node `n` (matched for the UNWIND row `row`) and, when it is live, at the
// row's expected version (or none is expected) and writable by the scope, writes
// `row.props` over it as its next version. Rows it does not write go no further: the caller
// reads why under the claim it now holds (graphstore.store.entities.patch_many).
// `before` keeps only what the write changes (the patched properties, the version and the
// name), as [key, value] pairs: the rest of the node is as it was.
// @param shared_writable: whether the scope writes shared entities (the platform's)
// The claim comes before the read, as in store/fragments/claimed_update.
// @include store/fragments/claim
WITH n, row, properties(n) AS stored
WHERE stored.deleted_at IS NULL
  AND (row.expected_version IS NULL OR stored.version = row.expected_version)
  AND (stored.tenant IS NOT NULL OR $shared_writable)
WITH n, row, [k IN keys(row.props) + ['version', 'name'] | [k, stored[k]]] AS before
SET n += row.props, n.version = n.version + 1, n.updated_at = $now
