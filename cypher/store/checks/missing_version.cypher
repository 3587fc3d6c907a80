// Mutable entities without version or timestamps (optimistic locking needs the version).
// @severity: warning
// @tenancy: platform
MATCH (n)
WHERE (n:Unit OR n:Equipment OR n:Category OR n:Loadout)
  AND (n.version IS NULL OR n.created_at IS NULL OR n.updated_at IS NULL)
RETURN head([x IN labels(n) WHERE x IN ['Unit', 'Equipment', 'Category', 'Loadout']]) AS label, n.id AS id, 'missing version, created_at or updated_at' AS detail
