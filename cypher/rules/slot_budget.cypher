// A location's critical slots are over capacity. used = the location's fixed_slots (engine,
// gyro, actuators...; null counts 0) + the crit_slots of every item mounted there (null
// counts 0). Each MOUNTS relationship is one physical item: its quantity (a shot count for
// ammunition, "LOC,_AMMO:N") does not multiply slots. Only locations the unit has, with a
// known crit_slots, are judged. One row per location; equipment_id is null.
// A hypothetical check (compatible_equipment, explain) looks at the candidate's location only.
// @id: slot_budget
// @severity: error
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
MATCH (unit)-[:HAS_LOCATION]->(place:Location)
WHERE place.crit_slots IS NOT NULL
  AND (check.equipment_id IS NULL OR place.code = check.location)
WITH check, loadout, place, coalesce(place.fixed_slots, 0) AS fixed,
  [m IN mounts WHERE m.location = place.code] AS here
WITH check, loadout, place, fixed, here,
  reduce(total = 0, m IN here | total + coalesce(m.equipment.crit_slots, 0)) AS mounted
WHERE fixed + mounted > place.crit_slots
RETURN check.key AS check_key, loadout.id AS loadout_id, 'slot_budget' AS rule, null AS severity,
  null AS equipment_id, place.code AS location,
  place.code + ' uses ' + toString(fixed + mounted) + ' of ' + toString(place.crit_slots)
  + ' critical slots' AS message,
  {used: fixed + mounted, capacity: place.crit_slots, fixed: fixed, mounted: mounted} AS proof,
  any(m IN here WHERE m.hypothetical AND coalesce(m.equipment.crit_slots, 0) > 0)
    AS involves_candidate
