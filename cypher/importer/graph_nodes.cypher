// Every domain node with its labels and properties, for the import's graph hash.
// @tenancy: platform
MATCH (n)
WHERE n:Unit OR n:Equipment OR n:Category OR n:Loadout OR n:Location
RETURN labels(n) AS labels, properties(n) AS props
