// Benchmark data: creates units, their locations and one loadout each.
// @param rows: list of {props, locations, loadout}
UNWIND $rows AS row
CREATE (unit:Unit)
SET unit = row.props
CREATE (unit)-[:HAS_LOADOUT]->(loadout:Loadout)
SET loadout = row.loadout
WITH unit, row
UNWIND row.locations AS place
CREATE (unit)-[:HAS_LOCATION]->(location:Location)
SET location = place
