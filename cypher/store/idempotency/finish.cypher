// Keeps the answer of the request that holds an idempotency key: its retries get it.
// @param key: the tenant's key (graphstore.store.idempotency.scoped_key)
// @param answer: the answer, as JSON
// @tenancy: resolved
// @example: {"key": "default|retry-1", "answer": "{}"}
MATCH (r:__IdempotentRequest {key: $key})
SET r.answer = $answer
RETURN r.key AS key
