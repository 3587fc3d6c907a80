// How many properties the graph stores, on nodes and on relationships.
// @tenancy: platform
CALL () {
  MATCH (n)
  RETURN sum(size(keys(n))) AS node_properties
}
CALL () {
  MATCH ()-[r]->()
  RETURN sum(size(keys(r))) AS relationship_properties
}
RETURN node_properties + relationship_properties AS properties
