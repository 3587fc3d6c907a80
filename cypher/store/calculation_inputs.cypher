// Everything a loadout's calculated properties are computed from: the unit's own heat
// dissipation and, per mount, the item's tonnage, heat, BV and heat dissipation.
// @param loadout_id: the Loadout id
MATCH (l:Loadout {id: $loadout_id})
OPTIONAL MATCH (u:Unit)-[:HAS_LOADOUT]->(l)
RETURN u.heat_dissipation AS unit_heat_dissipation,
  [(l)-[m:MOUNTS]->(e:Equipment) | {
    equipment_id: e.id, quantity: m.quantity, tonnage: e.tonnage, heat: e.heat,
    battle_value: e.battle_value, heat_dissipation: e.heat_dissipation
  }] AS mounts
