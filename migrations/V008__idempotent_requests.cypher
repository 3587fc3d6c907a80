// Idempotent requests (graphstore.store.idempotency): a client's Idempotency-Key, per
// tenant, is one node holding the request's fingerprint and, once it finished, its answer.
// The unique key makes two requests racing with one key collide; the expiry index finds
// the expired ones to forget.
CREATE CONSTRAINT `idempotent_request_key` IF NOT EXISTS FOR (r:`__IdempotentRequest`) REQUIRE r.`key` IS UNIQUE;
CREATE INDEX `idempotent_request_expires` IF NOT EXISTS FOR (r:`__IdempotentRequest`) ON (r.`expires`);
