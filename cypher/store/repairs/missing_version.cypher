// Starts versioning and timestamps on entities that lack them.
// @tenancy: platform
MATCH (n)
WHERE (n:Unit OR n:Equipment OR n:Category OR n:Loadout)
  AND (n.version IS NULL OR n.created_at IS NULL OR n.updated_at IS NULL)
SET n.version = coalesce(n.version, 1), n.created_at = coalesce(n.created_at, datetime()),
  n.updated_at = coalesce(n.updated_at, datetime())
RETURN head([x IN labels(n) WHERE x IN ['Unit', 'Equipment', 'Category', 'Loadout']]) AS label, n.id AS id, 'set missing version/timestamps' AS action
