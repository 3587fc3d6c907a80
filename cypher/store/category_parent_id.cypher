// A Category's parent, if it has one: what its restore must find live again.
// @param id: the Category id
MATCH (:Category {id: $id})-[:SUBCATEGORY_OF]->(parent:Category)
RETURN parent.id AS id
