// How many nodes the graph holds besides a restore's marker and the name read models know
// it by: a restore needs none.
MATCH (n)
WHERE NOT n:__Restore AND NOT n:__ReadModelEpoch
RETURN count(n) AS nodes
