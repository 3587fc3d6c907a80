// Weapon heat exceeds heat dissipation. weapon_heat = the sum of heat over mounted items
// with is_weapon = true (null heat counts 0; one per MOUNTS relationship). dissipation is
// the unit's heat_dissipation when known; else heat_sink_count times what one sink of its
// heat_sink_type dissipates ($heat_per_sink: 2 for DOUBLE, DOUBLE_CLAN and LASER, 1 for
// SINGLE, COMPACT and any other type); else the sum of the mounted items'
// heat_dissipation (null counts 0). proof.basis says which of unit, heat_sinks, mounted.
// One row per loadout; equipment_id and location are null.
// @id: heat_balance
// @severity: warning
// @param heat_per_sink: heat one sink dissipates, by heat sink type
// @include rules/fragments/checks
// rule body
WITH check, loadout, unit, mounts,
  reduce(
    heat = 0, m IN mounts
    | heat + CASE WHEN m.equipment.is_weapon = true THEN coalesce(m.equipment.heat, 0) ELSE 0 END
  ) AS weapon_heat,
  reduce(sunk = 0, m IN mounts | sunk + coalesce(m.equipment.heat_dissipation, 0))
    AS mounted_dissipation,
  toUpper(coalesce(unit.heat_sink_type, '')) AS sink_type
WITH check, loadout, mounts, weapon_heat,
  CASE
    WHEN unit.heat_dissipation IS NOT NULL THEN unit.heat_dissipation
    WHEN unit.heat_sink_count IS NOT NULL
      THEN unit.heat_sink_count * coalesce($heat_per_sink[sink_type], 1)
    ELSE mounted_dissipation
  END AS dissipation,
  CASE
    WHEN unit.heat_dissipation IS NOT NULL THEN 'unit'
    WHEN unit.heat_sink_count IS NOT NULL THEN 'heat_sinks'
    ELSE 'mounted'
  END AS basis
WHERE weapon_heat > dissipation
RETURN check.key AS check_key, loadout.id AS loadout_id, 'heat_balance' AS rule,
  null AS severity, null AS equipment_id, null AS location,
  'weapons generate ' + toString(weapon_heat) + ' heat, dissipation is '
  + toString(dissipation) AS message,
  {weapon_heat: weapon_heat, dissipation: dissipation, basis: basis} AS proof,
  any(
    m IN mounts
    WHERE m.hypothetical AND m.equipment.is_weapon = true AND coalesce(m.equipment.heat, 0) > 0
  ) AS involves_candidate
