// Which of the given equipment ids exist, and whether each is an unresolved placeholder or
// soft-deleted.
// @param ids: list of equipment ids
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"ids": ["medium-laser"]}
UNWIND $ids AS equipment_id
MATCH (equipment:Equipment {id: equipment_id})
WHERE (equipment.tenant IS NULL OR equipment.tenant = $tenant)
RETURN equipment.id AS id, equipment:Unresolved AS unresolved,
  equipment.deleted_at IS NOT NULL AS deleted
