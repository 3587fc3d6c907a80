// Sets the given properties of one Loadout (a null removes one) and bumps its version.
// @param id: the Loadout id
// @param props: property map to merge in
// @param now: the write time
MATCH (n:Loadout {id: $id})
SET n += $props, n.version = n.version + 1, n.updated_at = $now
RETURN properties(n) AS props
