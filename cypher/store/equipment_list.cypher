// One page of the Equipment the filters match, sorted, and how many they are; properties
// are read for the page's rows only. After a cursor, `total` counts the rows after it.
// @example: {"tech_base": "INNER_SPHERE", "rules_level": null, "category_id": null, "is_weapon": null, "tonnage_min": 50, "tonnage_max": null, "bv_min": null, "bv_max": null, "year_min": null, "year_max": null, "q": null, "include_deleted": false, "after": false, "after_key": null, "after_id": "", "sort": "tonnage", "descending": true, "skip": 100, "limit": 50}
// @scan: the catalog is small (thousands of items) next to the units, and every filter is optional in one WHERE
MATCH (e:Equipment)
// @include store/fragments/equipment_filter
WITH e AS n
// @include store/fragments/page_after
// @include store/fragments/page_order
