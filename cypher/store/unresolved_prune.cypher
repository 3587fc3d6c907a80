// Deletes the Equipment:Unresolved placeholders no loadout mounts any more (their references
// resolve now) and returns their ids.
// @tenancy: resolved
MATCH (n:Equipment:Unresolved)
WHERE NOT EXISTS { MATCH (:Loadout)-[:MOUNTS]->(n) }
WITH n, n.id AS id
DETACH DELETE n
RETURN id
