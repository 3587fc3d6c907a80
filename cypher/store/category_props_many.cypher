// The stored properties of the Categorys with these ids (soft-deleted too), for audit diffs.
// @param ids: Category ids
MATCH (n:Category)
WHERE n.id IN $ids
RETURN n.id AS id, properties(n) AS props
