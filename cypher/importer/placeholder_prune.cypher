// Deletes placeholders that no loadout mounts any more (their references now resolve).
MATCH (e:Equipment:Unresolved)
WHERE NOT EXISTS { MATCH (:Loadout)-[:MOUNTS]->(e) }
DETACH DELETE e
RETURN count(*) AS pruned
