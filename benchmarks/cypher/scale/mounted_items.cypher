// Benchmark: the most mounted equipment ids (the hardest `has_equipment` filters), sampled
// over the first 2,000 loadouts.
// @param limit: how many
MATCH (l:Loadout)
WITH l LIMIT 2000
MATCH (l)-[:MOUNTS]->(e:Equipment)
RETURN e.id AS id, count(*) AS mounts
ORDER BY mounts DESC, id
LIMIT $limit
