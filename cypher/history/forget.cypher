// Removes every stored version of entities that were deleted for good: a new entity under
// the same id starts its own history at version 1. (Their audit Changes stay.)
// @param label: 'Unit' or 'Loadout'
// @param ids: the deleted ids
// @example: {"label": "Loadout", "ids": ["gone.stock"]}
UNWIND $ids AS id
MATCH (v:Version {entity_id: id})
WHERE v.entity_label = $label
DETACH DELETE v
RETURN count(*) AS forgotten
