// How many Units the filters match: the total beside store/unit_list's page.
// @example: {"tech_base": "INNER_SPHERE", "era": null, "rules_level": null, "unit_type": null, "tonnage_min": 50, "tonnage_max": null, "bv_min": null, "bv_max": null, "year_min": null, "year_max": null, "has_equipment": null, "q": null, "include_deleted": false}
// @scan: every filter is optional in one WHERE, so no one index serves all requests: each Unit is read (the cost at 100k units is in docs/benchmarks.md, Scale)
MATCH (u:Unit)
// @include store/fragments/unit_filter
RETURN count(u) AS total
