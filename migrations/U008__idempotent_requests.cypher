// Undoes V008: the key's constraint and the expiry index go, and so do the kept answers
// (a retry after the rollback runs again).
DROP CONSTRAINT `idempotent_request_key` IF EXISTS;
DROP INDEX `idempotent_request_expires` IF EXISTS;
MATCH (r:`__IdempotentRequest`) DELETE r;
