// Creates Loadouts, each owned by its unit (HAS_LOADOUT), with their mounts. CREATE, never
// MERGE: an id that exists already fails on the unique constraint.
// @param rows: [{id, props, unit_id, mounts: [{mount_id, equipment_id, location, slot, rear, quantity, original_id}]}]; each with the `change` recording its creation
// @param returning: whether to return the written properties
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit_id})
CREATE (u)-[:HAS_LOADOUT]->(n:Loadout {id: row.id})
// @include store/fragments/new_entity
WITH n AS l, row
// @include store/fragments/new_loadout_mounts
RETURN l.id AS id, CASE WHEN $returning THEN properties(l) END AS props
