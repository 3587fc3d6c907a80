// Every migration record, oldest first: the chain from the baseline node.
MATCH (m:__Migration)
RETURN m {.*} AS record
ORDER BY m.seq
