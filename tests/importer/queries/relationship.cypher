// Relationships of a type from one node to another, with their properties (test support).
// @param source: the start node id
// @param target: the end node id
MATCH ({id: $source})-[r]->({id: $target})
RETURN type(r) AS type, properties(r) AS props
