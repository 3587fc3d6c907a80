// How many Equipment items the filters match: the total beside store/equipment_list's page.
// @example: {"tech_base": "INNER_SPHERE", "rules_level": null, "category_id": null, "is_weapon": null, "tonnage_min": 50, "tonnage_max": null, "bv_min": null, "bv_max": null, "year_min": null, "year_max": null, "q": null, "include_deleted": false}
// @scan: the catalog is small (thousands of items) next to the units, and every filter is optional in one WHERE
MATCH (e:Equipment)
// @include store/fragments/equipment_filter
RETURN count(e) AS total
