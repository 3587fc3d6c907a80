// One loadout's sums as the budget rules count them (rules/fragments/loadout_sums), and the
// values they were computed from, for the stored calculations and their inputs hash, and
// the unit's construction fields (the construction weights' inputs).
// @param loadout_id: the Loadout id
// @tenancy: resolved
// @example: {"loadout_id": "atlas-as7-d.stock", "heat_per_sink": {"SINGLE": 1, "DOUBLE": 2}}
MATCH (loadout:Loadout {id: $loadout_id})<-[:HAS_LOADOUT]-(unit:Unit)
WITH loadout, unit, [(loadout)-[:MOUNTS]->(e:Equipment) | {equipment: e}] AS mounts
RETURN
  // @include rules/fragments/loadout_sums
  AS sums,
  [m IN mounts | [
    m.equipment.id, m.equipment.tonnage, m.equipment.battle_value, m.equipment.heat,
    m.equipment.is_weapon, m.equipment.heat_dissipation
  ]] AS items,
  [unit.heat_dissipation, unit.heat_sink_count, unit.heat_sink_type] AS unit_inputs,
  unit {
    .tonnage, .engine_type, .engine_rating, .gyro_type, .cockpit_type, .structure_type,
    .armor_type, .armor_points, .heat_sink_type, .heat_sink_count, .jump_mp
  } AS design
