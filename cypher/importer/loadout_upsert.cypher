// Creates or updates a unit's stock loadout and links it to the unit, bumping version.
// @param rows: list of {id, unit_id, props}
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit_id})
MERGE (o:Loadout {id: row.id})
ON CREATE SET o.version = 0, o.created_at = datetime()
SET o += row.props, o.version = o.version + 1, o.updated_at = datetime()
MERGE (u)-[:HAS_LOADOUT]->(o)
RETURN count(o) AS written
