// The nodes an interrupted restore of one tenant staged that carry no `tenant` and may not
// have been joined to their owners yet (locations, calculations, accepted violations,
// history archive records): a staged node of these labels carries `restoring`, its staging
// id, until the restore finishes. Read only when a marker says such a restore stopped.
// @param staging: the restore's staging id
// @tenancy: platform
// @example: {"staging": "__restore-guild-a"}
CALL () {
  MATCH (n:Location) WHERE n.restoring = $staging
  RETURN n
  UNION ALL
  MATCH (n:Calculation) WHERE n.restoring = $staging
  RETURN n
  UNION ALL
  MATCH (n:AcceptedViolation) WHERE n.restoring = $staging
  RETURN n
  UNION ALL
  MATCH (n:HistoryArchive) WHERE n.restoring = $staging
  RETURN n
}
RETURN labels(n) AS labels, n {.id, .key} AS keys
