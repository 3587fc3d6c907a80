// Removes every stored version of entities that were deleted for good, and the record of
// any archived ones: a new entity under the same id starts its own history at version 1.
// (Their audit Changes stay.)
// @param label: 'Unit' or 'Loadout'
// @param ids: the deleted ids
// @param archives: their HistoryArchive keys (label:id)
// @tenancy: resolved
// @example: {"label": "Loadout", "ids": ["gone.stock"], "archives": ["Loadout:gone.stock"]}
CALL () {
  UNWIND $ids AS id
  MATCH (v:Version {entity_id: id})
  WHERE v.entity_label = $label
  DETACH DELETE v
  RETURN count(*) AS versions
}
CALL () {
  UNWIND $archives AS key
  MATCH (a:HistoryArchive {key: key})
  DETACH DELETE a
  RETURN count(*) AS archives
}
RETURN versions, archives
