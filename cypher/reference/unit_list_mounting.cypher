// reference/unit_list for a `has_equipment` filter, found from the item: its index, then the
// live loadouts that mount it and their units, instead of a look into every unit's loadouts
// (the filter store/fragments/unit_filter states, in the other direction).
// @param has_equipment: the Equipment id
// @example: {"tech_base": "INNER_SPHERE", "era": null, "rules_level": null, "unit_type": null, "tonnage_min": 50, "tonnage_max": null, "bv_min": null, "bv_max": null, "year_min": null, "year_max": null, "has_equipment": "medium-laser", "q": null, "include_deleted": false, "after": false, "after_key": null, "after_id": "", "sort": "tonnage", "descending": true, "skip": 100, "limit": 50}
MATCH (item:Equipment {id: $has_equipment})<-[:MOUNTS]-(l:Loadout)<-[:HAS_LOADOUT]-(u:Unit)
// @include store/fragments/live_mount
WITH DISTINCT u
// @include store/fragments/unit_properties_filter
WITH u AS n
// @include store/fragments/page_after
// @include store/fragments/page_order
