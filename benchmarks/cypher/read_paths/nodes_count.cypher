// How many nodes the graph holds: what the read rates are projected onto.
MATCH (n)
RETURN count(n) AS nodes
