// Every versioned domain node's id, label and version (test support).
MATCH (n)
WHERE n:Unit OR n:Equipment OR n:Category OR n:Loadout
RETURN n.id AS id, labels(n) AS labels, n.version AS version
