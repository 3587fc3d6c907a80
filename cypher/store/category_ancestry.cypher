// Claims these categories and every ancestor of theirs, and returns each with its parent:
// what a re-parent reads to rule out a cycle. Claimed, so that a concurrent re-parent of
// any category on these paths collides with this transaction instead of passing unseen.
// @param ids: Category ids whose ancestry is wanted
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"ids": ["weapons-energy"]}
UNWIND $ids AS start
MATCH (:Category {id: start})-[:SUBCATEGORY_OF*0..]->(n:Category)
WHERE (n.tenant IS NULL OR n.tenant = $tenant)
WITH DISTINCT n
// @include store/fragments/claim
RETURN n.id AS id, n.deleted_at IS NOT NULL AS deleted,
  head([(n)-[:SUBCATEGORY_OF]->(parent:Category) | parent.id]) AS parent_id
