// A location's critical slots are over capacity. used = the location's fixed_slots (engine,
// gyro, actuators...; null counts 0) + the crit_slots of every item mounted there (null
// counts 0). Each MOUNTS relationship is one physical item: its quantity (a shot count for
// ammunition, "LOC,_AMMO:N") does not multiply slots. Only locations the unit has, with a
// known crit_slots, are judged. One row per location; equipment_id is null.
// A hypothetical check (compatible_equipment, explain) looks at the candidate's location only.
// cause: source_data when the location's fixed slots come from the unit file's layout and
// every mount here came from that file. A published layout fits its location by
// construction, so the overflow is the catalog's slot counts for the listed items against
// that layout: an item listed twice but laid out once, a weapon whose slots MegaMek splits
// over two locations (one location holds a mount here), or a catalog gap (the only Heavy
// Small Laser the catalog holds is the battle-armor one, 3 slots for the 'Mech's 1).
// @id: slot_budget
// @severity: error
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}]}
// @include rules/fragments/checks
// rule body
UNWIND places AS place
WITH check, loadout, mounts, place
WHERE place.crit_slots IS NOT NULL
  AND (check.equipment_id IS NULL OR place.code = check.location)
WITH check, loadout, place, coalesce(place.fixed_slots, 0) AS fixed,
  [m IN mounts WHERE m.location = place.code] AS here
WITH check, loadout, place, fixed, here,
  reduce(total = 0, m IN here | total + coalesce(m.equipment.crit_slots, 0)) AS mounted
WHERE fixed + mounted > place.crit_slots
WITH check, loadout, place, fixed, here, mounted,
  place.fixed_slots IS NOT NULL AND all(m IN here WHERE m.from_source) AS from_layout
RETURN check.key AS check_key, loadout.id AS loadout_id, 'slot_budget' AS rule, null AS severity,
  null AS equipment_id, place.code AS location,
  place.code + ' uses ' + toString(fixed + mounted) + ' of ' + toString(place.crit_slots)
  + ' critical slots' AS message,
  {used: fixed + mounted, capacity: place.crit_slots, fixed: fixed, mounted: mounted} AS proof,
  CASE WHEN from_layout THEN 'source_data' ELSE 'design' END AS cause,
  CASE WHEN from_layout
    THEN 'the catalog slot counts of the items the source file lists in ' + place.code
      + ' do not fit the file\'s own critical-slot layout there'
  END AS source_note,
  any(m IN here WHERE m.hypothetical AND coalesce(m.equipment.crit_slots, 0) > 0)
    AS involves_candidate
