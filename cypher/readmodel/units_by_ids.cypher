// The units with these ids that exist now, as a read model copies them (readmodel/
// export_units); a missing id was deleted.
// @tenancy: platform
// @param ids: unit ids
// @example: {"ids": ["atlas-as7-d"]}
UNWIND $ids AS wanted
MATCH (u:Unit {id: wanted})
RETURN u.id AS id, [k IN keys(u) WHERE NOT k STARTS WITH '_' | [k, u[k]]] AS props
