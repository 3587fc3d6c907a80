// What keeps a Category from being deleted: its subcategories.
// @param id: the Category id
MATCH (child:Category)-[:SUBCATEGORY_OF]->(:Category {id: $id})
RETURN child.id AS category_id
