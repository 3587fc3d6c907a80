// Entities whose id a URL path cannot carry as it is (letters, digits and - . _ ~ only):
// left by data from before V003, or written around the store. Re-import or re-create them.
// @severity: warning
// @tenancy: platform
MATCH (n)
WHERE (n:Unit OR n:Equipment OR n:Category OR n:Loadout)
  AND NOT n.id =~ '[A-Za-z0-9][A-Za-z0-9._~-]*'
RETURN head([x IN labels(n) WHERE x IN ['Unit', 'Equipment', 'Category', 'Loadout']]) AS label,
  n.id AS id, 'id is not URL-safe' AS detail
