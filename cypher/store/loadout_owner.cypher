// The units that own these loadouts (normally one each), of the loadouts the scope sees:
// another tenant's loadout has no owner here, as one that never existed has none.
// @param ids: Loadout ids
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"ids": ["atlas-as7-d.stock"]}
UNWIND $ids AS id
MATCH (l:Loadout {id: id})<-[:HAS_LOADOUT]-(u:Unit)
WHERE (l.tenant IS NULL OR l.tenant = $tenant)
RETURN l.id AS loadout_id, u.id AS unit_id
