// How many relationships the graph holds: the length of a backup's progress bar.
MATCH ()-[r]->()
RETURN count(r) AS relationships
