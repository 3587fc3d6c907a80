// Any domain node by id, with labels and properties (test support).
// @param id: the node id
MATCH (n {id: $id})
RETURN labels(n) AS labels, properties(n) AS props
