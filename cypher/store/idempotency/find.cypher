// The request kept under an idempotency key, if any: its fingerprint, its answer (null
// while it runs) and when it expires.
// @param key: the tenant's key (graphstore.store.idempotency.scoped_key)
// @tenancy: resolved
// @example: {"key": "default|retry-1"}
MATCH (r:__IdempotentRequest {key: $key})
RETURN r.fingerprint AS fingerprint, r.answer AS answer, r.expires AS expires
