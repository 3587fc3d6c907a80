// What keeps a Category from being deleted: its member equipment (for a soft delete, the
// live members only).
// @param id: the Category id
// @param live_only: count only live members
// @tenancy: resolved
// @example: {"id": "weapons-energy", "live_only": true}
MATCH (e:Equipment)-[:IN_CATEGORY]->(:Category {id: $id})
WHERE NOT $live_only OR e.deleted_at IS NULL
RETURN e.id AS equipment_id
