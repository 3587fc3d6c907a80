// Deletes one Equipment item for good (its mounts were detached first, or it had none).
// @param id: the Equipment id
// @tenancy: resolved
// @example: {"id": "medium-laser"}
MATCH (e:Equipment {id: $id})
DETACH DELETE e
RETURN [] AS cascaded
