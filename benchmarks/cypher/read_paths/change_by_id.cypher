// One audit Change by id: its properties as the driver types them, to set beside the
// engine's JSON of the same node.
// @param id: the Change's id
MATCH (c:Change {id: $id})
RETURN properties(c) AS props
