// How many relationships the graph holds: what the read rates are projected onto.
MATCH ()-[r]->()
RETURN count(r) AS relationships
