// Which of the given ids are categories.
// @param ids: list of category ids (paths)
UNWIND $ids AS id
MATCH (c:Category {id: id})
RETURN c.id AS id
