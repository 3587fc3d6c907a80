// Deletes one Category for good (its members and subcategories were detached first, or it
// had none).
// @param id: the Category id
// @tenancy: resolved
// @example: {"id": "weapons-energy"}
MATCH (c:Category {id: $id})
DETACH DELETE c
RETURN [] AS cascaded
