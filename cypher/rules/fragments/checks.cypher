// The start every rule shares. A check asks about one loadout as it is (equipment_id null)
// or with one hypothetical extra mount (equipment_id at location): what validate, explain
// and compatible_equipment ask. Per check it yields the loadout, its unit, the unit's
// locations (`places`) and `mounts`: the loadout's mounts plus the hypothetical one, each as
// rules/fragments/mount describes it. A loadout's mounts and places are read once, however
// many checks ask about it. Each MOUNTS edge is one physical item: its quantity (a shot
// count for ammunition) multiplies nothing a rule sums. `from_source` marks a mount an import
// read from a unit file (its original_id is set): what a rule's `cause` looks at.
// @param checks: list of {key, loadout_id, equipment_id, location}; equipment_id/location name a hypothetical extra mount (null for none)
UNWIND $checks AS check
WITH check.loadout_id AS loadout_id, collect(check) AS loadout_checks
MATCH (loadout:Loadout {id: loadout_id})<-[:HAS_LOADOUT]-(unit:Unit)
WITH loadout, unit, loadout_checks,
  [(unit)-[:HAS_LOCATION]->(place:Location) | place] AS places,
  COLLECT {
    MATCH (loadout)-[m:MOUNTS]->(e:Equipment)
    WITH e, m.location AS location, false AS hypothetical,
      m.original_id IS NOT NULL AS from_source
    RETURN
      // @include rules/fragments/mount
      AS mount
  } AS mounted
UNWIND loadout_checks AS check
WITH check, loadout, unit, places, mounted + COLLECT {
  // Unwound, not matched on a null id: the local engine scans every item for {id: null}.
  UNWIND [id IN [check.equipment_id] WHERE id IS NOT NULL] AS candidate_id
  MATCH (e:Equipment {id: candidate_id})
  WITH e, check.location AS location, true AS hypothetical, false AS from_source
  RETURN
    // @include rules/fragments/mount
    AS mount
} AS mounts
