// The units that own these loadouts (normally one each).
// @param ids: Loadout ids
// @tenancy: resolved
// @example: {"ids": ["atlas-as7-d.stock"]}
UNWIND $ids AS id
MATCH (l:Loadout {id: id})<-[:HAS_LOADOUT]-(u:Unit)
RETURN l.id AS loadout_id, u.id AS unit_id
