// Every catalog item that may be offered for mounting: not an unresolved placeholder and
// not soft-deleted. Id order.
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @scan: compatible_equipment judges every live catalog item
MATCH (equipment:Equipment)
WHERE NOT equipment:Unresolved AND equipment.deleted_at IS NULL AND (equipment.tenant IS NULL OR equipment.tenant = $tenant)
RETURN equipment.id AS id, equipment.name AS name
ORDER BY id
