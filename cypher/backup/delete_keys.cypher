// Deletes these nodes, by label and key, with their relationships: a restore of one tenant
// clears what the tenant held (with --replace) and what an interrupted restore left.
// @param rows: [{label, key}]
// @tenancy: platform
// @example: {"rows": [{"label": "Unit", "key": "no-such-unit"}]}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Unit'] AS row
  MATCH (n:Unit {id: row.key})
  DETACH DELETE n
  RETURN count(*) AS unit
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Location'] AS row
  MATCH (n:Location {id: row.key})
  DETACH DELETE n
  RETURN count(*) AS location
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Loadout'] AS row
  MATCH (n:Loadout {id: row.key})
  DETACH DELETE n
  RETURN count(*) AS loadout
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Equipment'] AS row
  MATCH (n:Equipment {id: row.key})
  DETACH DELETE n
  RETURN count(*) AS equipment
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Category'] AS row
  MATCH (n:Category {id: row.key})
  DETACH DELETE n
  RETURN count(*) AS category
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Change'] AS row
  MATCH (n:Change {id: row.key})
  DETACH DELETE n
  RETURN count(*) AS change
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Calculation'] AS row
  MATCH (n:Calculation {id: row.key})
  DETACH DELETE n
  RETURN count(*) AS calculation
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'AcceptedViolation'] AS row
  MATCH (n:AcceptedViolation {id: row.key})
  DETACH DELETE n
  RETURN count(*) AS acceptedviolation
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Version'] AS row
  MATCH (n:Version {key: row.key})
  DETACH DELETE n
  RETURN count(*) AS version
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'HistoryArchive'] AS row
  MATCH (n:HistoryArchive {key: row.key})
  DETACH DELETE n
  RETURN count(*) AS historyarchive
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Tenant'] AS row
  MATCH (n:Tenant {id: row.key})
  DETACH DELETE n
  RETURN count(*) AS tenant
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'ApiKey'] AS row
  MATCH (n:ApiKey {id: row.key})
  DETACH DELETE n
  RETURN count(*) AS apikey
}
RETURN unit + location + loadout + equipment + category + change + calculation + acceptedviolation + version + historyarchive + tenant + apikey AS deleted
