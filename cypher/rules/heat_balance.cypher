// Weapon heat exceeds heat dissipation: weapon_heat and dissipation as
// rules/fragments/loadout_sums counts them (proof.basis says where the dissipation came
// from: unit, heat_sinks or mounted).
// One row per loadout; equipment_id and location are null.
// @id: heat_balance
// @severity: warning
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}], "heat_per_sink": {"SINGLE": 1, "DOUBLE": 2}}
// @include rules/fragments/checks
// rule body
WITH check, loadout, unit, mounts,
  // @include rules/fragments/loadout_sums
  AS sums
WITH check, loadout, mounts, sums.weapon_heat AS weapon_heat, sums.dissipation AS dissipation,
  sums.dissipation_basis AS basis
WHERE weapon_heat > dissipation
RETURN check.key AS check_key, loadout.id AS loadout_id, 'heat_balance' AS rule,
  null AS severity, null AS equipment_id, null AS location,
  'weapons generate ' + toString(weapon_heat) + ' heat, dissipation is '
  + toString(dissipation) AS message,
  {weapon_heat: weapon_heat, dissipation: dissipation, basis: basis} AS proof,
  'design' AS cause, null AS source_note,
  any(
    m IN mounts
    WHERE m.hypothetical AND m.equipment.is_weapon = true AND coalesce(m.equipment.heat, 0) > 0
  ) AS involves_candidate
