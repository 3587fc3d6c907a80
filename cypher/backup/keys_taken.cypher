// Which of these nodes exist already, by label and key (graphstore.backup.model.KEYS):
// what a restore of one tenant checks before it writes, so that it never half-writes into
// ids the target holds. Labels a tenant's backup cannot hold are not looked up.
// @param rows: [{label, key}]
// @tenancy: platform
// @example: {"rows": [{"label": "Unit", "key": "atlas-as7-d"}]}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Unit'] AS row
  MATCH (n:Unit {id: row.key})
  RETURN collect(row.key) AS unit
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Location'] AS row
  MATCH (n:Location {id: row.key})
  RETURN collect(row.key) AS location
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Loadout'] AS row
  MATCH (n:Loadout {id: row.key})
  RETURN collect(row.key) AS loadout
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Equipment'] AS row
  MATCH (n:Equipment {id: row.key})
  RETURN collect(row.key) AS equipment
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Category'] AS row
  MATCH (n:Category {id: row.key})
  RETURN collect(row.key) AS category
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Change'] AS row
  MATCH (n:Change {id: row.key})
  RETURN collect(row.key) AS change
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Calculation'] AS row
  MATCH (n:Calculation {id: row.key})
  RETURN collect(row.key) AS calculation
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'AcceptedViolation'] AS row
  MATCH (n:AcceptedViolation {id: row.key})
  RETURN collect(row.key) AS acceptedviolation
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Version'] AS row
  MATCH (n:Version {key: row.key})
  RETURN collect(row.key) AS version
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'HistoryArchive'] AS row
  MATCH (n:HistoryArchive {key: row.key})
  RETURN collect(row.key) AS historyarchive
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Tenant'] AS row
  MATCH (n:Tenant {id: row.key})
  RETURN collect(row.key) AS tenant
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'ApiKey'] AS row
  MATCH (n:ApiKey {id: row.key})
  RETURN collect(row.key) AS apikey
}
RETURN unit, location, loadout, equipment, category, change, calculation, acceptedviolation, version, historyarchive, tenant, apikey
