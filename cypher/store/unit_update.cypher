// Sets the given properties of one Unit (a null removes one) and bumps its version.
// @param id: the Unit id
// @param props: property map to merge in
// @param now: the write time
MATCH (n:Unit {id: $id})
SET n += $props, n.version = n.version + 1, n.updated_at = $now
RETURN properties(n) AS props
