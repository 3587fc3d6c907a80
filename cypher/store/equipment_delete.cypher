// Deletes one Equipment item for good (its mounts were detached first, or it had none).
// @param id: the Equipment id
MATCH (e:Equipment {id: $id})
DETACH DELETE e
RETURN [] AS cascaded
