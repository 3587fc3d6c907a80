// Removes archived versions from the graph, rewrites the storage of kept ones (a version
// whose predecessor left becomes a snapshot; content and hash never change), and records
// per entity which archived hashes its chain now follows, and in which archive.
// @param removed: version keys to delete
// @param rewritten: [{key, body, snapshot, base, size}]
// @param anchors: [{key, entity_label, entity_id, follows}]
// @param archive: the archive file's name
// @tenancy: platform
CALL () {
  UNWIND $removed AS key
  MATCH (v:Version {key: key})
  DETACH DELETE v
  RETURN count(*) AS deleted
}
CALL () {
  UNWIND $rewritten AS row
  MATCH (v:Version {key: row.key})
  SET v.body = row.body, v.snapshot = row.snapshot, v.base = row.base, v.size = row.size
  RETURN count(*) AS kept
}
CALL () {
  UNWIND $anchors AS row
  MERGE (a:HistoryArchive {key: row.key})
  SET a.entity_label = row.entity_label, a.entity_id = row.entity_id, a.follows = row.follows,
    a.archives = coalesce(a.archives, []) + [$archive]
  RETURN count(*) AS anchored
}
RETURN deleted, kept, anchored
