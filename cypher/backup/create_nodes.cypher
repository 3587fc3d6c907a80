// Restores a batch of nodes (graphstore.backup.restore): each row creates one node with the
// labels its `labels` names (graphstore.backup.model.LABEL_SETS) and exactly its properties.
// A label set not listed here is refused before anything is written.
// @param rows: [{labels, props}]
// @tenancy: platform
// @example: {"rows": [{"labels": "Unit", "props": {"id": "atlas-as7-d", "chassis": "Atlas"}}]}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'Unit'] AS row
  CREATE (n:Unit)
  SET n = row.props
  RETURN count(*) AS unit
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'Location'] AS row
  CREATE (n:Location)
  SET n = row.props
  RETURN count(*) AS location
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'Loadout'] AS row
  CREATE (n:Loadout)
  SET n = row.props
  RETURN count(*) AS loadout
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'Equipment'] AS row
  CREATE (n:Equipment)
  SET n = row.props
  RETURN count(*) AS equipment
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'Category'] AS row
  CREATE (n:Category)
  SET n = row.props
  RETURN count(*) AS category
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'Change'] AS row
  CREATE (n:Change)
  SET n = row.props
  RETURN count(*) AS change
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'Calculation'] AS row
  CREATE (n:Calculation)
  SET n = row.props
  RETURN count(*) AS calculation
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'AcceptedViolation'] AS row
  CREATE (n:AcceptedViolation)
  SET n = row.props
  RETURN count(*) AS acceptedviolation
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'Version'] AS row
  CREATE (n:Version)
  SET n = row.props
  RETURN count(*) AS version
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'HistoryArchive'] AS row
  CREATE (n:HistoryArchive)
  SET n = row.props
  RETURN count(*) AS historyarchive
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = '__CatalogGeneration'] AS row
  CREATE (n:__CatalogGeneration)
  SET n = row.props
  RETURN count(*) AS cataloggeneration
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = '__Migration'] AS row
  CREATE (n:__Migration)
  SET n = row.props
  RETURN count(*) AS migration
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'Tenant'] AS row
  CREATE (n:Tenant)
  SET n = row.props
  RETURN count(*) AS tenant
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'ApiKey'] AS row
  CREATE (n:ApiKey)
  SET n = row.props
  RETURN count(*) AS apikey
}
CALL () {
  UNWIND [row IN $rows WHERE row.labels = 'Equipment:Unresolved'] AS row
  CREATE (n:Equipment:Unresolved)
  SET n = row.props
  RETURN count(*) AS equipment_unresolved
}
RETURN unit, location, loadout, equipment, category, change, calculation, acceptedviolation, version, historyarchive, cataloggeneration, migration, tenant, apikey, equipment_unresolved
