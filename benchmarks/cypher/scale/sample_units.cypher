// Benchmark: ids of live units to cycle over, in id order.
// @param limit: how many
MATCH (u:Unit)
WHERE u.deleted_at IS NULL
RETURN u.id AS id
ORDER BY id
LIMIT $limit
