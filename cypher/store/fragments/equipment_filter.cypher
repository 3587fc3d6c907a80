// The equipment filters, on `e`, as one WHERE condition: every filter is optional (null =
// any); a category matches its subcategories too; unresolved import placeholders are not
// catalog items and never match. The equipment list and the facets share it.
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
// @param include_deleted: also soft-deleted items
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
WHERE ($include_deleted OR e.deleted_at IS NULL)
  AND (e.tenant IS NULL OR e.tenant = $tenant)
  AND NOT e:Unresolved
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
