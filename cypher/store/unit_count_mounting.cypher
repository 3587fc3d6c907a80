// store/unit_count for a `has_equipment` filter, found from the item (see
// store/unit_list_mounting).
// @param has_equipment: the Equipment id
// @example: {"tech_base": "INNER_SPHERE", "era": null, "rules_level": null, "unit_type": null, "tonnage_min": 50, "tonnage_max": null, "bv_min": null, "bv_max": null, "year_min": null, "year_max": null, "has_equipment": "medium-laser", "q": null, "include_deleted": false}
MATCH (item:Equipment {id: $has_equipment})<-[:MOUNTS]-(l:Loadout)<-[:HAS_LOADOUT]-(u:Unit)
// @include store/fragments/live_mount
WITH DISTINCT u
// @include store/fragments/unit_properties_filter
RETURN count(u) AS total
