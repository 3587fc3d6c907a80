// The unit filters on `u`'s own properties, as one WHERE condition: every filter is
// optional (null = any); `q` matches the lower-cased name. store/fragments/unit_filter adds
// the mounted-equipment filter.
// @param tech_base: tech base
// @param era: era
// @param rules_level: rules level
// @param unit_type: unit type
// @param tonnage_min: minimum tonnage
// @param tonnage_max: maximum tonnage
// @param bv_min: minimum battle value
// @param bv_max: maximum battle value
// @param year_min: earliest year
// @param year_max: latest year
// @param q: lower-cased text the name contains
// @param include_deleted: also soft-deleted units
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
WHERE ($include_deleted OR u.deleted_at IS NULL)
  AND (u.tenant IS NULL OR u.tenant = $tenant)
  AND ($tech_base IS NULL OR u.tech_base = $tech_base)
  AND ($era IS NULL OR u.era = $era)
  AND ($rules_level IS NULL OR u.rules_level = $rules_level)
  AND ($unit_type IS NULL OR u.unit_type = $unit_type)
  AND ($tonnage_min IS NULL OR u.tonnage >= $tonnage_min)
  AND ($tonnage_max IS NULL OR u.tonnage <= $tonnage_max)
  AND ($bv_min IS NULL OR u.battle_value >= $bv_min)
  AND ($bv_max IS NULL OR u.battle_value <= $bv_max)
  AND ($year_min IS NULL OR u.year >= $year_min)
  AND ($year_max IS NULL OR u.year <= $year_max)
  AND ($q IS NULL OR u.search_name CONTAINS $q)
