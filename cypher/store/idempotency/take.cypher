// Takes an idempotency key for a request about to run: a request that takes the same key
// meanwhile fails on the key's unique constraint. Forgets a few expired keys on the way
// (expiry is fixed-width UTC text, so the index serves the range).
// @param key: the tenant's key (graphstore.store.idempotency.scoped_key)
// @param fingerprint: a hash of the request (method, path, query, body)
// @param expires: when the key may be used for another request, as fixed-width UTC text
// @param now: the same form, now
// @tenancy: resolved
// @example: {"key": "default|retry-1", "fingerprint": "f", "expires": "2026-12-09T00:00:00.000000Z", "now": "2026-12-08T00:00:00.000000Z"}
CALL () {
  MATCH (old:__IdempotentRequest)
  WHERE old.expires < $now
  WITH old
  LIMIT 100
  DELETE old
  RETURN count(*) AS forgotten
}
CREATE (r:__IdempotentRequest {key: $key, fingerprint: $fingerprint, expires: $expires})
RETURN forgotten
