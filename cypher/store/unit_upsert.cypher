// Creates or replaces Units in one batch, with their locations: listed locations are
// merged, unlisted ones removed. Version starts at 1 and grows by one per write.
// @param rows: [{id, props, locations: [{code, crit_slots, fixed_slots, fixed}]}]
UNWIND $rows AS row
MERGE (n:Unit {id: row.id})
// @include store/fragments/upserted_entity
// @include store/fragments/unit_name
WITH n AS u, row, before
// @include store/fragments/unit_locations
RETURN u.id AS id, before, properties(u) AS props
