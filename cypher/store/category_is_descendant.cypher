// Whether a category lies inside another's subtree (or is it): a re-parent would loop.
// @param id: the candidate descendant
// @param ancestor_id: the category whose subtree is searched
MATCH (c:Category {id: $id})-[:SUBCATEGORY_OF*0..]->(:Category {id: $ancestor_id})
RETURN c.id AS id
LIMIT 1
