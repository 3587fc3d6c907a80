// store/unit_list for a `has_equipment` filter, found from the item: its index, then the
// loadouts that mount it and their units, instead of a look into every unit's loadouts.
// The same filter then applies, so the result is the one store/unit_list gives.
MATCH (:Equipment {id: $has_equipment})<-[:MOUNTS]-(:Loadout)<-[:HAS_LOADOUT]-(u:Unit)
WITH DISTINCT u
// @include store/fragments/unit_filter
WITH u AS n
// @include store/fragments/page_after
// @include store/fragments/page_order
RETURN properties(n) AS item
