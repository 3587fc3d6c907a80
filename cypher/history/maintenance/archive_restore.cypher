// Brings archived versions back (only keys not stored: the caller checked under a claim of
// their entities), then drops from each entity's archive record the hashes now stored again.
// @param versions: the archived versions' properties (each with its key)
// @param anchors: [{key, follows}] what each entity's chain still follows
// @tenancy: platform
CALL () {
  UNWIND $versions AS row
  CREATE (v:Version)
  SET v = row
  RETURN count(*) AS restored
}
CALL () {
  UNWIND $anchors AS row
  MATCH (a:HistoryArchive {key: row.key})
  SET a.follows = row.follows
  RETURN count(*) AS anchored
}
RETURN restored, anchored
