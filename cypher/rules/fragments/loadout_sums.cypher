// What a loadout's mounted equipment adds up to, from `unit` and `mounts` (each
// {equipment, ...}): the budget rules and the stored calculations read these, so both count
// alike. Each MOUNTS edge is one physical item: quantity (a shot count for ammunition)
// multiplies nothing; a null number counts 0.
// - tonnage, battle_value: summed over every mount;
// - weapon_heat: heat summed over mounts whose item is_weapon;
// - dissipation: the unit's heat_dissipation when known; else heat_sink_count times what one
//   sink of its heat_sink_type dissipates ($heat_per_sink, 1 for any other type); else the
//   mounted items' heat_dissipation summed; dissipation_basis says which (unit, heat_sinks,
//   mounted).
// @param heat_per_sink: heat one sink dissipates, by heat sink type
{
  tonnage: reduce(total = 0.0, m IN mounts | total + coalesce(m.equipment.tonnage, 0)),
  battle_value: reduce(total = 0, m IN mounts | total + coalesce(m.equipment.battle_value, 0)),
  weapon_heat: reduce(
    heat = 0, m IN mounts
    | heat + CASE WHEN m.equipment.is_weapon = true THEN coalesce(m.equipment.heat, 0) ELSE 0 END
  ),
  dissipation: CASE
    WHEN unit.heat_dissipation IS NOT NULL THEN unit.heat_dissipation
    WHEN unit.heat_sink_count IS NOT NULL
      THEN unit.heat_sink_count
      * coalesce($heat_per_sink[toUpper(coalesce(unit.heat_sink_type, ''))], 1)
    ELSE reduce(sunk = 0, m IN mounts | sunk + coalesce(m.equipment.heat_dissipation, 0))
  END,
  dissipation_basis: CASE
    WHEN unit.heat_dissipation IS NOT NULL THEN 'unit'
    WHEN unit.heat_sink_count IS NOT NULL THEN 'heat_sinks'
    ELSE 'mounted'
  END
}
