// Every catalog item that may be offered for mounting: not an unresolved placeholder and
// not soft-deleted. Id order.
// @scan: compatible_equipment judges every live catalog item
MATCH (equipment:Equipment)
WHERE NOT equipment:Unresolved AND equipment.deleted_at IS NULL
RETURN equipment.id AS id, equipment.name AS name
ORDER BY id
