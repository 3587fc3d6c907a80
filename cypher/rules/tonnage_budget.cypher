// The mounted equipment weighs more than the unit has free for equipment. used = the sum of
// every mounted item's tonnage (rules/fragments/loadout_sums).
// With a known free_tonnage this is an error. When free_tonnage is null it is compared with
// the unit's total tonnage instead and reported as a warning (proof.basis says which).
// One row per loadout; equipment_id and location are null.
// free_tonnage is the unit's tonnage minus its construction weights (engine, gyro, cockpit,
// structure, armor, heat sinks beyond the engine's free ones, jump jets), computed with the
// rules pack's TechManual tables when the unit is imported (graphstore.store.construction).
// Where it differs from MegaMek: MegaMek weighs every item in the layout (ammunition, CASE,
// electronics, extra heat sinks); a megamek-web unit file lists only part of its equipment,
// so here only the mounted items count against free_tonnage, and an under-listed design
// passes where MegaMek would weigh more.
// cause: always design (an over-weight published design is listed in
// tests/rules/fixtures/corpus_design_errors.json with its reason).
// @id: tonnage_budget
// @severity: error
// @downgrade: warning when the unit's free_tonnage is unknown
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}], "heat_per_sink": {"SINGLE": 1, "DOUBLE": 2}}
// @include rules/fragments/checks
// rule body
WITH check, loadout, unit, mounts,
  // @include rules/fragments/loadout_sums
  AS sums
WITH check, loadout, mounts, sums.tonnage AS used, unit.free_tonnage IS NOT NULL AS known,
  CASE WHEN unit.free_tonnage IS NOT NULL THEN unit.free_tonnage ELSE unit.tonnage END AS budget
WHERE budget IS NOT NULL AND used > budget
RETURN check.key AS check_key, loadout.id AS loadout_id, 'tonnage_budget' AS rule,
  CASE WHEN known THEN 'error' ELSE 'warning' END AS severity,
  null AS equipment_id, null AS location,
  'equipment weighs ' + toString(used) + ' t, over the '
  + CASE WHEN known THEN 'free tonnage ' ELSE 'total tonnage (free tonnage unknown) ' END
  + toString(budget) + ' t' AS message,
  {used: used, budget: budget, basis: CASE WHEN known THEN 'free_tonnage' ELSE 'tonnage' END}
    AS proof,
  'design' AS cause, null AS source_note,
  any(m IN mounts WHERE m.hypothetical AND coalesce(m.equipment.tonnage, 0) > 0)
    AS involves_candidate
