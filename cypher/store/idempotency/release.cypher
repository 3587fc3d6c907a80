// Gives an idempotency key up: the request holding it failed without an answer, so a
// retry runs again. A finished request's answer stays.
// @param key: the tenant's key (graphstore.store.idempotency.scoped_key)
// @tenancy: resolved
// @example: {"key": "default|retry-1"}
MATCH (r:__IdempotentRequest {key: $key})
WHERE r.answer IS NULL
DELETE r
RETURN count(*) AS released
