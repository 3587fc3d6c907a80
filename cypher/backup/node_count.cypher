// How many nodes the graph holds besides a restore's marker: a restore needs none.
MATCH (n)
WHERE NOT n:__Restore
RETURN count(n) AS nodes
