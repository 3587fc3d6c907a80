// The same nodes as node_rows, `page` of them to a Bolt record: fewer, larger records for
// the driver to decode, at the price of the engine collecting them first.
// @param rows: how many nodes
// @param page: nodes per record
MATCH (n)
WITH n LIMIT $rows
WITH collect(n) AS picked
UNWIND range(0, size(picked) - 1, $page) AS start
RETURN [x IN picked[start..start + $page] | {labels: labels(x), props: properties(x)}] AS nodes
