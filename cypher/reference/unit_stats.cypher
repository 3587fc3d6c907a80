// Unit count and the min, average and max of tonnage and battle value, per value of one
// property (era, tech base or rules level), largest groups first, for the units the unit
// filters match (store/fragments/unit_filter, shared with the unit list).
// @param group_by: the property to group by (whitelisted by the caller)
// @example: {"group_by": "era", "tech_base": "INNER_SPHERE", "era": null, "rules_level": null, "unit_type": null, "tonnage_min": 50, "tonnage_max": null, "bv_min": null, "bv_max": null, "year_min": null, "year_max": null, "has_equipment": null, "q": null, "include_deleted": false}
// @scan: the reference the read model's answers are compared with (tests/readmodel), off the request path: each Unit is read, 100-300 ms at 100k units (docs/read-model.md)
MATCH (u:Unit)
// @include store/fragments/unit_filter
WITH u[$group_by] AS value, u
RETURN
  value,
  count(u) AS count,
  min(u.tonnage) AS tonnage_min,
  avg(u.tonnage) AS tonnage_avg,
  max(u.tonnage) AS tonnage_max,
  min(u.battle_value) AS bv_min,
  avg(u.battle_value) AS bv_avg,
  max(u.battle_value) AS bv_max
ORDER BY count DESC, value
