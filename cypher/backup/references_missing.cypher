// Which shared items a tenant's backup uses the target does not hold as shared items (a
// tenant's data may point at the shared catalog and shared templates, never at another
// tenant's): a restore of the tenant refuses to start without them.
// @param rows: [{label, key}]
// @tenancy: platform
// @example: {"rows": [{"label": "Equipment", "key": "medium-laser"}]}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Unit'] AS row
  OPTIONAL MATCH (n:Unit {id: row.key})
  WHERE n.tenant IS NULL
  WITH row, n
  WHERE n IS NULL
  RETURN collect(row.key) AS unit
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Loadout'] AS row
  OPTIONAL MATCH (n:Loadout {id: row.key})
  WHERE n.tenant IS NULL
  WITH row, n
  WHERE n IS NULL
  RETURN collect(row.key) AS loadout
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Equipment'] AS row
  OPTIONAL MATCH (n:Equipment {id: row.key})
  WHERE n.tenant IS NULL
  WITH row, n
  WHERE n IS NULL
  RETURN collect(row.key) AS equipment
}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Category'] AS row
  OPTIONAL MATCH (n:Category {id: row.key})
  WHERE n.tenant IS NULL
  WITH row, n
  WHERE n IS NULL
  RETURN collect(row.key) AS category
}
RETURN unit, loadout, equipment, category
