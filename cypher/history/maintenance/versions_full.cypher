// Every stored version of a page of entities with all its properties, and the archived
// hashes each chain may follow: what `history compact` decides and writes from.
// @param label: 'Unit' or 'Loadout'
// @param ids: entity ids
// @tenancy: platform
UNWIND $ids AS id
CALL (id) {
  OPTIONAL MATCH (v:Version {entity_id: id})
  WHERE v.entity_label = $label
  RETURN collect(properties(v)) AS versions
}
CALL (id) {
  OPTIONAL MATCH (a:HistoryArchive {key: $label + ':' + id})
  RETURN coalesce(a.follows, []) AS follows
}
RETURN id, versions, follows
