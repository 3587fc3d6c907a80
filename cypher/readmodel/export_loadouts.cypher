// Every loadout, for a read model's rebuild: its unit, whether it is live, whose it is,
// whether it is a stock one, and what it mounts.
// @tenancy: platform
// @scan: a rebuild copies every loadout, off the request path
MATCH (u:Unit)-[:HAS_LOADOUT]->(l:Loadout)
RETURN l.id AS id, u.id AS unit_id, l.deleted_at IS NULL AS live, l.tenant AS tenant,
  coalesce(l.is_stock, false) AS is_stock, [(l)-[:MOUNTS]->(e:Equipment) | e.id] AS items
