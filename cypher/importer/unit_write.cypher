// Creates or updates imported units with their locations and stock loadout in one pass,
// bumping the unit's and the loadout's version. Locations the unit no longer has are removed.
// @param rows: list of {id, props, locations: [props of each location], loadout: props}
UNWIND $rows AS row
MERGE (u:Unit {id: row.id})
ON CREATE SET u.version = 0, u.created_at = datetime()
SET u += row.props, u.version = u.version + 1, u.updated_at = datetime()
WITH u, row
CALL (u, row) {
  UNWIND row.locations AS place
  MERGE (l:Location {id: place.id})
  SET l += place
  MERGE (u)-[:HAS_LOCATION]->(l)
}
CALL (u, row) {
  MATCH (u)-[:HAS_LOCATION]->(stale:Location)
  WHERE NOT stale.code IN [place IN row.locations | place.code]
  DETACH DELETE stale
}
MERGE (o:Loadout {id: row.loadout.id})
ON CREATE SET o.version = 0, o.created_at = datetime()
SET o += row.loadout, o.version = o.version + 1, o.updated_at = datetime()
MERGE (u)-[:HAS_LOADOUT]->(o)
RETURN count(u) AS written
