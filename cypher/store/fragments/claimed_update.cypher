// Claims the live node `n` and, when it is at the expected version (or none is expected),
// writes `$props` over it as its next version; `before` is what it held. No row when it is
// soft-deleted, at another version or out of the scope's sight: the caller then says
// which (and refuses a tenant's write to the shared catalog).
// @param props: the properties to set (a null removes one)
// @param expected_version: the version the write expects, or null
// @param now: the write time
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// The claim comes before the read: on the local engine a read made first may be stale, and
// the write would then land on the newer record without a conflict (two increments from one
// version both acknowledged: graphstore.quirks).
// @include store/fragments/claim
WITH n, properties(n) AS before
WHERE before.deleted_at IS NULL AND (n.tenant IS NULL OR n.tenant = $tenant)
  AND ($expected_version IS NULL OR before.version = $expected_version)
SET n += $props, n.version = n.version + 1, n.updated_at = $now
