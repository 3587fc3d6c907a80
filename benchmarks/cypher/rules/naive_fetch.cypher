// The naive approach's fetch: each loadout with its unit, locations, overrides and every
// mounted item's properties, for checking in Python.
// @param loadout_ids: list of loadout ids
UNWIND $loadout_ids AS loadout_id
MATCH (unit:Unit)-[:HAS_LOADOUT]->(loadout:Loadout {id: loadout_id})
RETURN loadout.id AS loadout_id, properties(unit) AS unit,
  [(unit)-[:HAS_LOCATION]->(place:Location) | properties(place)] AS locations,
  [(loadout)-[mount:MOUNTS]->(equipment:Equipment) | {
    equipment: properties(equipment), unresolved: equipment:Unresolved,
    location: mount.location, quantity: mount.quantity
  }] AS mounts,
  [(loadout)-[:HAS_OVERRIDE]->(accepted:AcceptedViolation) | properties(accepted)] AS overrides,
  [(unit)-[:HAS_OVERRIDE]->(accepted:AcceptedViolation) | properties(accepted)]
    AS unit_overrides
