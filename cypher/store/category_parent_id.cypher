// A Category's parent, if it has one: what its restore must find live again.
// @param id: the Category id
// @tenancy: resolved
// @example: {"id": "weapons-energy"}
MATCH (:Category {id: $id})-[:SUBCATEGORY_OF]->(parent:Category)
RETURN parent.id AS id
