// The stored properties of the Loadouts with these ids (soft-deleted too), for audit diffs.
// @param ids: Loadout ids
MATCH (n:Loadout)
WHERE n.id IN $ids
RETURN n.id AS id, properties(n) AS props
