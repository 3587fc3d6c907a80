// Every relationship between domain nodes with its endpoints and properties, for the graph hash.
// @tenancy: platform
MATCH (a)-[r]->(b)
WHERE (a:Unit OR a:Equipment OR a:Category OR a:Loadout OR a:Location)
  AND (b:Unit OR b:Equipment OR b:Category OR b:Loadout OR b:Location)
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
