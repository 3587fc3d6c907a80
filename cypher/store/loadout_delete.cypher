// Deletes one Loadout for good with its calculations and overrides; its mounts and
// DERIVED_FROM links go with it (the equipment and other loadouts stay).
// @param id: the Loadout id
// @tenancy: resolved
// @example: {"id": "atlas-as7-d.stock"}
MATCH (l:Loadout {id: $id})
CALL (l) {
  OPTIONAL MATCH (l)-[:HAS_CALCULATION|HAS_OVERRIDE]->(owned)
  DETACH DELETE owned
  RETURN count(owned) AS owned
}
DETACH DELETE l
RETURN [] AS cascaded, [] AS detached
