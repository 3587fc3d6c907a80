// How many nodes the graph holds besides a restore's marker, the name read models know it
// by and the answers kept for retried requests: a restore needs none.
MATCH (n)
WHERE NOT n:__Restore AND NOT n:__ReadModelEpoch AND NOT n:__IdempotentRequest
RETURN count(n) AS nodes
