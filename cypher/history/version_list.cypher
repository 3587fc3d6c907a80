// One page of an entity's versions, newest first, without their content, and how many
// it has.
// @param label: 'Unit' or 'Loadout'
// @param id: the entity id
// @param skip: versions to skip
// @param limit: page size
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"label": "Loadout", "id": "atlas-as7-d.stock", "skip": 0, "limit": 50}
MATCH (v:Version {entity_id: $id})
WHERE v.entity_label = $label AND (v.tenant IS NULL OR v.tenant = $tenant)
WITH v ORDER BY v.number DESC
WITH collect(v {.number, .at, .actor, .source, .note, .parents, .hash, .previous_hash, .snapshot, .size}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
