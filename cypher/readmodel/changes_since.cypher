// The write log after a point, for a read model catching up: the audit Changes whose
// `log_key` (when the write recorded them, then the Change id) is past `since`, less those
// the read model has applied already, oldest first; and the graph's epoch and last
// migration record (readmodel/epoch), in the same read.
// @tenancy: platform
// @param since: a log_key: what is after it
// @param known: ids of Changes after `since` already applied
// @param limit: at most this many
// @example: {"since": "2026-12-07T12:00:00.000000Z", "known": [], "limit": 1000}
CALL () {
  OPTIONAL MATCH (epoch:__ReadModelEpoch {id: 'graph'})
  RETURN epoch.epoch AS epoch
}
CALL () {
  OPTIONAL MATCH (m:__Migration)
  RETURN max(m.seq) AS migrations
}
CALL () {
  MATCH (c:Change)
  WHERE c.log_key > $since AND NOT c.id IN $known
  WITH c ORDER BY c.log_key LIMIT $limit
  RETURN collect({id: c.id, log_key: c.log_key, label: c.entity_label, entity_id: c.entity_id}) AS changes
}
RETURN epoch, migrations, changes
