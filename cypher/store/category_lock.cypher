// Reads one Category (soft-deleted too) and takes its write lock: the no-op SET makes every
// engine lock the node now, so the version read here is the one the write will replace.
// @param id: the Category id
MATCH (n:Category {id: $id})
SET n.version = n.version
RETURN properties(n) AS props
