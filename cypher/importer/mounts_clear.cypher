// Removes every mount of the given loadouts before their mounts are written again.
// @param loadout_ids: list of loadout ids
UNWIND $loadout_ids AS loadout_id
MATCH (:Loadout {id: loadout_id})-[m:MOUNTS]->()
DELETE m
RETURN count(*) AS cleared
