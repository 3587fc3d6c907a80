// Weapon heat exceeds heat dissipation. weapon_heat = the sum of heat over mounted items
// with is_weapon = true (null heat counts 0; one per MOUNTS relationship). dissipation is
// the unit's heat_dissipation when known; else heat_sink_count times 2 for a heat_sink_type
// containing DOUBLE or LASER, times 1 otherwise; else the sum of the mounted items'
// heat_dissipation (null counts 0). proof.basis says which of unit, heat_sinks, mounted.
// One row per loadout; equipment_id and location are null.
// @id: heat_balance
// @severity: warning
// @param checks: list of {key, loadout_id, equipment_id, location}; equipment_id/location name a hypothetical extra mount (null for none)
UNWIND $checks AS check
MATCH (loadout:Loadout {id: check.loadout_id})<-[:HAS_LOADOUT]-(unit:Unit)
WITH check, loadout, unit, COLLECT {
  MATCH (loadout)-[m:MOUNTS]->(e:Equipment)
  RETURN {equipment: e, location: m.location, hypothetical: false} AS mount
  UNION ALL
  MATCH (e:Equipment {id: check.equipment_id})
  RETURN {equipment: e, location: check.location, hypothetical: true} AS mount
} AS mounts
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
      THEN unit.heat_sink_count
      * CASE WHEN sink_type CONTAINS 'DOUBLE' OR sink_type CONTAINS 'LASER' THEN 2 ELSE 1 END
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
