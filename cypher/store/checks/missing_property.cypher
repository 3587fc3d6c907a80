// Entities lacking a property the model requires (id, name fields, tonnage, owner id).
// @severity: error
// @tenancy: platform
MATCH (n:Unit)
WHERE n.id IS NULL OR n.chassis IS NULL OR n.unit_type IS NULL OR n.tonnage IS NULL
RETURN 'Unit' AS label, n.id AS id, 'missing one of id, chassis, unit_type, tonnage' AS detail
UNION ALL
MATCH (n:Equipment)
WHERE (n.id IS NULL OR n.name IS NULL) AND NOT n:Unresolved
RETURN 'Equipment' AS label, n.id AS id, 'missing one of id, name' AS detail
UNION ALL
MATCH (n:Category)
WHERE n.id IS NULL OR n.name IS NULL
RETURN 'Category' AS label, n.id AS id, 'missing one of id, name' AS detail
UNION ALL
MATCH (n:Loadout)
WHERE n.id IS NULL OR n.name IS NULL OR n.unit_id IS NULL
RETURN 'Loadout' AS label, n.id AS id, 'missing one of id, name, unit_id' AS detail
