// Which of the given equipment ids exist, and whether each is an unresolved placeholder or
// soft-deleted.
// @param ids: list of equipment ids
// @example: {"ids": ["medium-laser"]}
UNWIND $ids AS equipment_id
MATCH (equipment:Equipment {id: equipment_id})
RETURN equipment.id AS id, equipment:Unresolved AS unresolved,
  equipment.deleted_at IS NOT NULL AS deleted
