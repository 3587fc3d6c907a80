// Forgets the request kept under an idempotency key once it has expired: the key is free
// for another request.
// @param key: the tenant's key (graphstore.store.idempotency.scoped_key)
// @param now: now, as fixed-width UTC text
// @tenancy: resolved
// @example: {"key": "default|retry-1", "now": "2026-12-08T00:00:00.000000Z"}
MATCH (r:__IdempotentRequest {key: $key})
WHERE r.expires < $now
DELETE r
RETURN count(*) AS forgotten
