// Every node with its labels and properties: what a backup streams (in one read
// transaction, a page of records at a time) and what a restore's check hashes again.
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
