// Counts every node in the graph, for /health and `graphstore engine status`.
MATCH (n)
RETURN count(n) AS nodes
