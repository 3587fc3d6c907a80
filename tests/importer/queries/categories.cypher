// Every category with its parent's id (test support).
MATCH (c:Category)
OPTIONAL MATCH (c)-[:SUBCATEGORY_OF]->(p:Category)
RETURN c.id AS id, p.id AS parent
