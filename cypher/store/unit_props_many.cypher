// The stored properties of the Units with these ids (soft-deleted too), for audit diffs.
// @param ids: Unit ids
MATCH (n:Unit)
WHERE n.id IN $ids
RETURN n.id AS id, properties(n) AS props
