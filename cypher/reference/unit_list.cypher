// One page of the Units the filters match, sorted, and how many they are; properties are
// read for the page's rows only. After a cursor, `total` counts the rows after it.
// @example: {"tech_base": "INNER_SPHERE", "era": null, "rules_level": null, "unit_type": null, "tonnage_min": 50, "tonnage_max": null, "bv_min": null, "bv_max": null, "year_min": null, "year_max": null, "has_equipment": null, "q": null, "include_deleted": false, "after": false, "after_key": null, "after_id": "", "sort": "tonnage", "descending": true, "skip": 100, "limit": 50}
// @scan: the reference the read model's answers are compared with (tests/readmodel), off the request path: each Unit is read, 100-300 ms at 100k units (docs/read-model.md)
MATCH (u:Unit)
// @include store/fragments/unit_filter
WITH u AS n
// @include store/fragments/page_after
// @include store/fragments/page_order
