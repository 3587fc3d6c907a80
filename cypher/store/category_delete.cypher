// Deletes one Category for good (its members and subcategories were detached first, or it
// had none).
// @param id: the Category id
MATCH (c:Category {id: $id})
DETACH DELETE c
RETURN [] AS cascaded
