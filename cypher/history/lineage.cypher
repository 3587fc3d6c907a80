// Every stored version of these entities as (key, parents, at): the graph a merge walks
// to find the common ancestor of two loadouts.
// @param label: 'Loadout'
// @param ids: entity ids
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"label": "Loadout", "ids": ["atlas-as7-d.stock"]}
UNWIND $ids AS id
MATCH (v:Version {entity_id: id})
WHERE v.entity_label = $label AND (v.tenant IS NULL OR v.tenant = $tenant)
RETURN v.key AS key, v.entity_id AS entity_id, v.number AS number, v.parents AS parents,
  v.at AS at
