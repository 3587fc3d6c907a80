// Categories on a SUBCATEGORY_OF loop: the tree is no tree, and the loop's categories fall
// out of it. Which link to cut is a human's choice.
// @severity: error
// @tenancy: platform
MATCH (c:Category)
WHERE EXISTS { (c)-[:SUBCATEGORY_OF*1..]->(c) }
RETURN 'Category' AS label, c.id AS id,
  'lies on a SUBCATEGORY_OF cycle; its parent is ' +
  coalesce(head([(c)-[:SUBCATEGORY_OF]->(p:Category) | p.id]), '?') AS detail
