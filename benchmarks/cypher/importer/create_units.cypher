// Benchmark baseline: plain CREATE of units with their locations and stock loadout, and the
// HAS_LOCATION and HAS_LOADOUT edges (no MERGE, no change detection).
// @param rows: list of {props, loadout, locations}
UNWIND $rows AS row
CREATE (u:Unit)-[:HAS_LOADOUT]->(o:Loadout)
SET u = row.props, u.version = 1, u.created_at = datetime(), u.updated_at = datetime(),
  o = row.loadout, o.version = 1, o.created_at = datetime(), o.updated_at = datetime()
WITH u, row
UNWIND row.locations AS place
CREATE (u)-[:HAS_LOCATION]->(l:Location)
SET l = place
RETURN count(l) AS created
