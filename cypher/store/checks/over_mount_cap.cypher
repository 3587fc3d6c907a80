// Live loadouts holding more mounts than one may (GRAPHSTORE_MAX_MOUNTS_PER_LOADOUT): a cap
// lowered since they were written, or writes that got past it. Which mounts go is a human's
// choice.
// @severity: warning
// @param max_mounts_per_loadout: the configured cap
// @tenancy: platform
MATCH (l:Loadout)
WHERE l.deleted_at IS NULL
WITH l, COUNT { (l)-[:MOUNTS]->() } AS mounts
WHERE mounts > $max_mounts_per_loadout
RETURN 'Loadout' AS label, l.id AS id,
  toString(mounts) + ' mounts; a loadout holds at most ' + toString($max_mounts_per_loadout)
    AS detail
