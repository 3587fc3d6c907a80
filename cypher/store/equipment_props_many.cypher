// The stored properties of the Equipments with these ids (soft-deleted too), for audit diffs.
// @param ids: Equipment ids
MATCH (n:Equipment)
WHERE n.id IN $ids
RETURN n.id AS id, properties(n) AS props
