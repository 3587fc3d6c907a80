// Every stored version of one entity with what verifying its hash chain needs, and the
// hashes of archived versions a stored one may follow (from `history compact`).
// @param label: 'Unit' or 'Loadout'
// @param id: the entity id
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"label": "Loadout", "id": "atlas-as7-d.stock"}
CALL () {
  OPTIONAL MATCH (v:Version {entity_id: $id})
  WHERE v.entity_label = $label AND (v.tenant IS NULL OR v.tenant = $tenant)
  RETURN collect(v {.number, .snapshot, .body, .hash, .previous_hash, .parents}) AS versions
}
CALL () {
  OPTIONAL MATCH (a:HistoryArchive {key: $label + ':' + $id})
  RETURN coalesce(a.follows, []) AS follows
}
RETURN versions, follows
