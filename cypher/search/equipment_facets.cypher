// Counts of catalog equipment per category, tech base, rules level and era, for the same
// filters as the equipment list, in one query. Equipment has no era of its own: it falls in
// the era its intro year belongs to. Unresolved placeholders and soft-deleted items are left out.
// @param tech_base: tech base
// @param rules_level: rules level
// @param category_id: a Category id (or any of its subcategories)
// @param is_weapon: weapons only (true) or non-weapons only (false)
// @param tonnage_min: minimum tonnage
// @param tonnage_max: maximum tonnage
// @param bv_min: minimum battle value
// @param bv_max: maximum battle value
// @param year_min: earliest intro year
// @param year_max: latest intro year
// @param q: lower-cased text the name contains
MATCH (e:Equipment)
WHERE e.deleted_at IS NULL AND NOT e:Unresolved
  AND ($tech_base IS NULL OR e.tech_base = $tech_base)
  AND ($rules_level IS NULL OR e.rules_level = $rules_level)
  AND ($is_weapon IS NULL OR coalesce(e.is_weapon, false) = $is_weapon)
  AND ($tonnage_min IS NULL OR e.tonnage >= $tonnage_min)
  AND ($tonnage_max IS NULL OR e.tonnage <= $tonnage_max)
  AND ($bv_min IS NULL OR e.battle_value >= $bv_min)
  AND ($bv_max IS NULL OR e.battle_value <= $bv_max)
  AND ($year_min IS NULL OR e.intro_year >= $year_min)
  AND ($year_max IS NULL OR e.intro_year <= $year_max)
  AND ($q IS NULL OR e.search_name CONTAINS $q)
  AND ($category_id IS NULL OR
    EXISTS { (e)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(:Category {id: $category_id}) })
WITH e,
  CASE
    WHEN e.intro_year IS NULL THEN null
    WHEN e.intro_year < 2571 THEN 'AGE_OF_WAR'
    WHEN e.intro_year < 2781 THEN 'STAR_LEAGUE'
    WHEN e.intro_year < 3050 THEN 'SUCCESSION_WARS'
    WHEN e.intro_year < 3062 THEN 'CLAN_INVASION'
    WHEN e.intro_year < 3068 THEN 'CIVIL_WAR'
    WHEN e.intro_year < 3081 THEN 'JIHAD'
    WHEN e.intro_year < 3151 THEN 'DARK_AGE'
    ELSE 'IL_CLAN'
  END AS era
WITH collect({
  tech_base: e.tech_base,
  rules_level: e.rules_level,
  era: era,
  categories: [(e)-[:IN_CATEGORY]->(c:Category) WHERE c.deleted_at IS NULL | c.id]
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
