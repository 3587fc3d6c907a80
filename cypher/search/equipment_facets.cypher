// Counts of catalog equipment per category, tech base, rules level and era, for the same
// filters as the equipment list (store/fragments/equipment_filter), in one query. Equipment
// has no era of its own: it falls in the era its intro year belongs to ($era_starts, from
// Python's ERA_START_YEAR).
// @param era_starts: [{era, start}] in order: an intro year falls in the last era starting at or before it
// @example: {"era_starts": [{"era": "STAR_LEAGUE", "start": 2571}], "tech_base": "INNER_SPHERE", "rules_level": null, "category_id": null, "is_weapon": null, "tonnage_min": 50, "tonnage_max": null, "bv_min": null, "bv_max": null, "year_min": null, "year_max": null, "q": null, "include_deleted": false}
// @scan: the catalog is small (thousands of items) next to the units, and every filter is optional in one WHERE; results are cached (graphstore.search.cache)
MATCH (e:Equipment)
// @include store/fragments/equipment_filter
WITH e,
  CASE
    WHEN e.intro_year IS NULL THEN null
    ELSE last([bound IN $era_starts WHERE bound.start <= e.intro_year | bound.era])
  END AS era
WITH collect({
  tech_base: e.tech_base,
  rules_level: e.rules_level,
  era: era,
  categories: [(e)-[:IN_CATEGORY]->(c:Category) WHERE c.deleted_at IS NULL AND (c.tenant IS NULL OR c.tenant = $tenant) | c.id]
}) AS rows
RETURN
  size(rows) AS total,
  COLLECT {
    UNWIND rows AS r WITH r.tech_base AS value, count(*) AS n
    WHERE value IS NOT NULL RETURN {value: value, count: n} AS facet
  } AS tech_base,
  COLLECT {
    UNWIND rows AS r WITH r.rules_level AS value, count(*) AS n
    WHERE value IS NOT NULL RETURN {value: value, count: n} AS facet
  } AS rules_level,
  COLLECT {
    UNWIND rows AS r WITH r.era AS value, count(*) AS n
    WHERE value IS NOT NULL RETURN {value: value, count: n} AS facet
  } AS era,
  COLLECT {
    UNWIND rows AS r UNWIND r.categories AS value WITH value, count(*) AS n
    RETURN {value: value, count: n} AS facet
  } AS category
