// Every stored version of one entity, oldest first, with what verifying its hash chain
// needs.
// @param label: 'Unit' or 'Loadout'
// @param id: the entity id
// @example: {"label": "Loadout", "id": "atlas-as7-d.stock"}
MATCH (v:Version {entity_id: $id})
WHERE v.entity_label = $label
RETURN v.number AS number, v.snapshot AS snapshot, v.body AS body, v.hash AS hash,
  v.previous_hash AS previous_hash, v.parents AS parents
ORDER BY v.number
