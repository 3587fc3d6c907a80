// store/unit_count for a `has_equipment` filter, found from the item (see
// store/unit_list_mounting).
MATCH (:Equipment {id: $has_equipment})<-[:MOUNTS]-(:Loadout)<-[:HAS_LOADOUT]-(u:Unit)
WITH DISTINCT u
// @include store/fragments/unit_filter
RETURN count(u) AS total
