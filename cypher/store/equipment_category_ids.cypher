// The categories an Equipment item belongs to: what its restore must find live again.
// @param id: the Equipment id
// @tenancy: resolved
// @example: {"id": "medium-laser"}
MATCH (:Equipment {id: $id})-[:IN_CATEGORY]->(c:Category)
RETURN c.id AS id
