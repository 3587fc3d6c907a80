// Creates Units with their locations. CREATE, never MERGE: an id that exists already fails
// on the unique constraint (the store reports AlreadyExistsError), even when two creates
// of it race.
// @param rows: [{id, props, locations: [{code, crit_slots, fixed_slots, fixed}]}]; each with the `change` recording its creation
// @param returning: whether to return the written properties
UNWIND $rows AS row
CREATE (n:Unit {id: row.id})
// @include store/fragments/new_entity
// @include store/fragments/unit_name
WITH n AS u, row
// @include store/fragments/new_unit_locations
RETURN u.id AS id, CASE WHEN $returning THEN properties(u) END AS props
