// What keeps a Category from being deleted: its member equipment.
// @param id: the Category id
MATCH (e:Equipment)-[:IN_CATEGORY]->(:Category {id: $id})
RETURN e.id AS equipment_id
