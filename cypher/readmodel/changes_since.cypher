// The write log after a point, for a read model catching up: the audit Changes whose
// `log_key` (when the write recorded them, then the Change id) is past `since`, less those
// the read model has applied already, oldest first. One index range read (V007); the read
// model reads readmodel/epoch in the same transaction. (A CALL subquery joining the two ran
// unoptimised on the local engine, scanning: 80 to 130 ms at 100k units, measured.)
// @tenancy: platform
// @param since: a log_key: what is after it
// @param known: ids of Changes after `since` already applied
// @param limit: at most this many
// @example: {"since": "2026-12-07T12:00:00.000000Z", "known": [], "limit": 1000}
MATCH (c:Change)
WHERE c.log_key > $since AND NOT c.id IN $known
WITH c ORDER BY c.log_key LIMIT $limit
RETURN c.id AS id, c.log_key AS log_key, c.entity_label AS label, c.entity_id AS entity_id
