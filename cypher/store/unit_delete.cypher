// Deletes one Unit for good, cascading (see the integrity table) to its loadouts, its
// locations, and the calculations and overrides of both. Returns what cascaded.
// @param id: the Unit id
// @tenancy: resolved
// @example: {"id": "atlas-as7-d"}
MATCH (u:Unit {id: $id})
OPTIONAL MATCH (u)-[:HAS_LOADOUT]->(l:Loadout)
WITH u, collect(DISTINCT l) AS loadouts
CALL (u, loadouts) {
  UNWIND loadouts AS l
  MATCH (l)-[:HAS_CALCULATION|HAS_OVERRIDE]->(owned)
  DETACH DELETE owned
  RETURN count(*) AS loadout_owned
}
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_LOCATION|HAS_CALCULATION|HAS_OVERRIDE]->(owned)
  DETACH DELETE owned
  RETURN count(owned) AS unit_owned
}
WITH u, loadouts, [l IN loadouts | ['Loadout', l.id]] AS cascaded
FOREACH (l IN loadouts | DETACH DELETE l)
DETACH DELETE u
RETURN cascaded, [] AS detached
