// store/unit_list for a `has_equipment` filter, found from the item: its index, then the
// loadouts that mount it and their units, instead of a look into every unit's loadouts.
// The same filter then applies, so the result is the one store/unit_list gives.
// @example: {"tech_base": "INNER_SPHERE", "era": null, "rules_level": null, "unit_type": null, "tonnage_min": 50, "tonnage_max": null, "bv_min": null, "bv_max": null, "year_min": null, "year_max": null, "has_equipment": "medium-laser", "q": null, "include_deleted": false, "after": false, "after_key": null, "after_id": "", "sort": "tonnage", "descending": true, "skip": 100, "limit": 50}
MATCH (:Equipment {id: $has_equipment})<-[:MOUNTS]-(:Loadout)<-[:HAS_LOADOUT]-(u:Unit)
WITH DISTINCT u
// @include store/fragments/unit_filter
WITH u AS n
// @include store/fragments/page_after
// @include store/fragments/page_order
RETURN properties(n) AS item
