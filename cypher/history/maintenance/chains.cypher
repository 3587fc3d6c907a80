// The stored versions of a page of entities, for `graphstore check`: one row per entity
// with its versions (none: an entity whose history was never recorded) and the archived
// hashes its chain may follow.
// @param label: 'Unit' or 'Loadout'
// @param ids: entity ids
// @tenancy: platform
UNWIND $ids AS id
CALL (id) {
  OPTIONAL MATCH (v:Version {entity_id: id})
  WHERE v.entity_label = $label
  RETURN collect(v {.number, .snapshot, .body, .hash, .previous_hash, .parents}) AS versions
}
CALL (id) {
  OPTIONAL MATCH (a:HistoryArchive {key: $label + ':' + id})
  RETURN coalesce(a.follows, []) AS follows
}
RETURN id, versions, follows
