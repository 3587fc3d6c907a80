// Every stock design's tonnage, computed free tonnage and the weight of its mounted items.
MATCH (unit:Unit)-[:HAS_LOADOUT]->(loadout:Loadout {is_stock: true})
RETURN unit.id AS unit_id, unit.tonnage AS tonnage, unit.free_tonnage AS free_tonnage,
  COLLECT {
    MATCH (loadout)-[:MOUNTS]->(item:Equipment)
    RETURN coalesce(item.tonnage, 0.0)
  } AS item_tonnage
