// The loadouts with these ids that exist now, as a read model copies them (readmodel/
// export_loadouts); a missing id was deleted.
// @tenancy: platform
// @param ids: loadout ids
// @example: {"ids": ["atlas-as7-d.stock"]}
UNWIND $ids AS wanted
MATCH (u:Unit)-[:HAS_LOADOUT]->(l:Loadout {id: wanted})
RETURN l.id AS id, u.id AS unit_id, l.deleted_at IS NULL AS live, l.tenant AS tenant,
  coalesce(l.is_stock, false) AS is_stock, [(l)-[:MOUNTS]->(e:Equipment) | e.id] AS items
