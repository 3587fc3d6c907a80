// Restores a batch of relationships (graphstore.backup.restore): each row finds its two ends
// by the key of their label (graphstore.backup.model.KEYS) and creates one relationship of
// its `shape` (type, start label, end label) with exactly its properties. A shape not
// listed here is refused before anything is written.
// @param rows: [{shape, start, end, props}]
// @tenancy: platform
// @example: {"rows": [{"shape": "HAS_LOADOUT Unit Loadout", "start": "atlas-as7-d", "end": "atlas-as7-d.stock", "props": {}}]}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'CHANGED Change Category'] AS row
  MATCH (a:Change {id: row.start})
  MATCH (b:Category {id: row.end})
  CREATE (a)-[r:CHANGED]->(b)
  SET r = row.props
  RETURN count(*) AS changed_change_category
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'CHANGED Change Equipment'] AS row
  MATCH (a:Change {id: row.start})
  MATCH (b:Equipment {id: row.end})
  CREATE (a)-[r:CHANGED]->(b)
  SET r = row.props
  RETURN count(*) AS changed_change_equipment
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'CHANGED Change Loadout'] AS row
  MATCH (a:Change {id: row.start})
  MATCH (b:Loadout {id: row.end})
  CREATE (a)-[r:CHANGED]->(b)
  SET r = row.props
  RETURN count(*) AS changed_change_loadout
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'CHANGED Change Unit'] AS row
  MATCH (a:Change {id: row.start})
  MATCH (b:Unit {id: row.end})
  CREATE (a)-[r:CHANGED]->(b)
  SET r = row.props
  RETURN count(*) AS changed_change_unit
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'CONFLICTS_WITH Equipment Category'] AS row
  MATCH (a:Equipment {id: row.start})
  MATCH (b:Category {id: row.end})
  CREATE (a)-[r:CONFLICTS_WITH]->(b)
  SET r = row.props
  RETURN count(*) AS conflicts_with_equipment_category
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'CONFLICTS_WITH Equipment Equipment'] AS row
  MATCH (a:Equipment {id: row.start})
  MATCH (b:Equipment {id: row.end})
  CREATE (a)-[r:CONFLICTS_WITH]->(b)
  SET r = row.props
  RETURN count(*) AS conflicts_with_equipment_equipment
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'DERIVED_FROM Loadout Loadout'] AS row
  MATCH (a:Loadout {id: row.start})
  MATCH (b:Loadout {id: row.end})
  CREATE (a)-[r:DERIVED_FROM]->(b)
  SET r = row.props
  RETURN count(*) AS derived_from_loadout_loadout
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'HAS_CALCULATION Loadout Calculation'] AS row
  MATCH (a:Loadout {id: row.start})
  MATCH (b:Calculation {id: row.end})
  CREATE (a)-[r:HAS_CALCULATION]->(b)
  SET r = row.props
  RETURN count(*) AS has_calculation_loadout_calculation
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'HAS_CALCULATION Unit Calculation'] AS row
  MATCH (a:Unit {id: row.start})
  MATCH (b:Calculation {id: row.end})
  CREATE (a)-[r:HAS_CALCULATION]->(b)
  SET r = row.props
  RETURN count(*) AS has_calculation_unit_calculation
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'HAS_LOADOUT Unit Loadout'] AS row
  MATCH (a:Unit {id: row.start})
  MATCH (b:Loadout {id: row.end})
  CREATE (a)-[r:HAS_LOADOUT]->(b)
  SET r = row.props
  RETURN count(*) AS has_loadout_unit_loadout
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'HAS_LOCATION Unit Location'] AS row
  MATCH (a:Unit {id: row.start})
  MATCH (b:Location {id: row.end})
  CREATE (a)-[r:HAS_LOCATION]->(b)
  SET r = row.props
  RETURN count(*) AS has_location_unit_location
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'HAS_OVERRIDE Loadout AcceptedViolation'] AS row
  MATCH (a:Loadout {id: row.start})
  MATCH (b:AcceptedViolation {id: row.end})
  CREATE (a)-[r:HAS_OVERRIDE]->(b)
  SET r = row.props
  RETURN count(*) AS has_override_loadout_acceptedviolation
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'HAS_OVERRIDE Unit AcceptedViolation'] AS row
  MATCH (a:Unit {id: row.start})
  MATCH (b:AcceptedViolation {id: row.end})
  CREATE (a)-[r:HAS_OVERRIDE]->(b)
  SET r = row.props
  RETURN count(*) AS has_override_unit_acceptedviolation
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'IN_CATEGORY Equipment Category'] AS row
  MATCH (a:Equipment {id: row.start})
  MATCH (b:Category {id: row.end})
  CREATE (a)-[r:IN_CATEGORY]->(b)
  SET r = row.props
  RETURN count(*) AS in_category_equipment_category
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'MOUNTS Loadout Equipment'] AS row
  MATCH (a:Loadout {id: row.start})
  MATCH (b:Equipment {id: row.end})
  CREATE (a)-[r:MOUNTS]->(b)
  SET r = row.props
  RETURN count(*) AS mounts_loadout_equipment
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'NEXT __Migration __Migration'] AS row
  MATCH (a:__Migration {seq: row.start})
  MATCH (b:__Migration {seq: row.end})
  CREATE (a)-[r:NEXT]->(b)
  SET r = row.props
  RETURN count(*) AS next_migration_migration
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'REQUIRES Equipment Category'] AS row
  MATCH (a:Equipment {id: row.start})
  MATCH (b:Category {id: row.end})
  CREATE (a)-[r:REQUIRES]->(b)
  SET r = row.props
  RETURN count(*) AS requires_equipment_category
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'REQUIRES Equipment Equipment'] AS row
  MATCH (a:Equipment {id: row.start})
  MATCH (b:Equipment {id: row.end})
  CREATE (a)-[r:REQUIRES]->(b)
  SET r = row.props
  RETURN count(*) AS requires_equipment_equipment
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'SUBCATEGORY_OF Category Category'] AS row
  MATCH (a:Category {id: row.start})
  MATCH (b:Category {id: row.end})
  CREATE (a)-[r:SUBCATEGORY_OF]->(b)
  SET r = row.props
  RETURN count(*) AS subcategory_of_category_category
}
CALL () {
  UNWIND [row IN $rows WHERE row.shape = 'KEY_OF ApiKey Tenant'] AS row
  MATCH (a:ApiKey {id: row.start})
  MATCH (b:Tenant {id: row.end})
  CREATE (a)-[r:KEY_OF]->(b)
  SET r = row.props
  RETURN count(*) AS key_of_apikey_tenant
}
RETURN changed_change_category, changed_change_equipment, changed_change_loadout, changed_change_unit, conflicts_with_equipment_category, conflicts_with_equipment_equipment, derived_from_loadout_loadout, has_calculation_loadout_calculation, has_calculation_unit_calculation, has_loadout_unit_loadout, has_location_unit_location, has_override_loadout_acceptedviolation, has_override_unit_acceptedviolation, in_category_equipment_category, key_of_apikey_tenant, mounts_loadout_equipment, next_migration_migration, requires_equipment_category, requires_equipment_equipment, subcategory_of_category_category
