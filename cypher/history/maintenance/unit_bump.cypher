// Gives Units whose content changed without a new version number (a migration's data
// step) their next number, under a claim, so that their new version can be recorded.
// @param ids: Unit ids
// @param now: the write time
// @tenancy: platform
UNWIND $ids AS id
MATCH (n:Unit {id: id})
// @include store/fragments/claim
SET n.version = n.version + 1, n.updated_at = $now
RETURN count(n) AS bumped
