// The audit trail of one entity, newest first. Found by entity_id (indexed), so the
// history of a purged entity stays readable.
// @param entity_id: the entity id
// @param limit: at most this many changes
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"entity_id": "atlas-as7-d.stock", "limit": 50}
MATCH (c:Change {entity_id: $entity_id})
WHERE (c.tenant IS NULL OR c.tenant = $tenant)
RETURN c.id AS id, c.at AS at, c.actor AS actor, c.source AS source, c.note AS note,
  c.operation AS operation, c.entity_label AS entity_label, c.entity_id AS entity_id,
  c.before AS before, c.after AS after, c.tenant AS tenant, c.key_id AS key_id
ORDER BY c.at DESC, c.id DESC
LIMIT $limit
