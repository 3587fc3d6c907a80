// Creates Loadouts, each owned by its unit (HAS_LOADOUT), with their mounts. CREATE, never
// MERGE: an id that exists already fails on the unique constraint.
// @param rows: [{id, props, unit_id, mounts: [{mount_id, equipment_id, location, slot, rear, quantity, original_id}]}]
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit_id})
CREATE (u)-[:HAS_LOADOUT]->(n:Loadout {id: row.id})
// @include store/fragments/new_entity
WITH n AS l, row
// @include store/fragments/loadout_mounts
RETURN l.id AS id, properties(l) AS props
