// Which of these ids name a live Category.
// @param ids: Category ids
MATCH (c:Category)
WHERE c.id IN $ids AND c.deleted_at IS NULL
RETURN c.id AS id
