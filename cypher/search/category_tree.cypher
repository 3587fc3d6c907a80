// Every live category with its parent, and how many catalog items sit in it directly and in
// it or any subcategory (each item counted once).
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
MATCH (c:Category)
WHERE c.deleted_at IS NULL AND (c.tenant IS NULL OR c.tenant = $tenant)
OPTIONAL MATCH (c)-[:SUBCATEGORY_OF]->(parent:Category)
RETURN
  c.id AS id,
  c.name AS name,
  c.path AS path,
  parent.id AS parent_id,
  COUNT {
    MATCH (e:Equipment)-[:IN_CATEGORY]->(c)
    WHERE e.deleted_at IS NULL AND NOT e:Unresolved AND (e.tenant IS NULL OR e.tenant = $tenant)
  } AS direct_count,
  size(COLLECT {
    MATCH (e:Equipment)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(c)
    WHERE e.deleted_at IS NULL AND NOT e:Unresolved AND (e.tenant IS NULL OR e.tenant = $tenant)
    RETURN DISTINCT e.id AS id
  }) AS total_count
ORDER BY path, id
