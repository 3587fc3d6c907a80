// The first `rows` nodes, one Bolt record each, shaped as cypher/backup/nodes returns them:
// how fast the driver hands a backup its rows, before graphstore touches one.
// @param rows: how many nodes
MATCH (n)
WITH n LIMIT $rows
RETURN labels(n) AS labels, properties(n) AS props
