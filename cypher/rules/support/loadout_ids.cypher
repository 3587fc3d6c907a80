// The ids of every live loadout (neither it nor its unit soft-deleted) that matches the
// optional filters, in id order. A null filter matches everything.
// @param unit_ids: list of unit ids, or null
// @param tech_base: the unit's tech base, or null
// @param unit_type: the unit's type, or null
// @param is_stock: true for stock loadouts only, false for non-stock only, or null
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"unit_ids": ["atlas-as7-d"], "tech_base": "INNER_SPHERE", "unit_type": null, "is_stock": null}
// @scan: validate_all validates every live loadout the filters match
MATCH (unit:Unit)-[:HAS_LOADOUT]->(loadout:Loadout)
WHERE loadout.deleted_at IS NULL AND unit.deleted_at IS NULL AND (loadout.tenant IS NULL OR loadout.tenant = $tenant)
  AND ($unit_ids IS NULL OR unit.id IN $unit_ids)
  AND ($tech_base IS NULL OR unit.tech_base = $tech_base)
  AND ($unit_type IS NULL OR unit.unit_type = $unit_type)
  AND ($is_stock IS NULL OR coalesce(loadout.is_stock, false) = $is_stock)
RETURN loadout.id AS loadout_id
ORDER BY loadout_id
