// Marks a loadout as a variant of another (DERIVED_FROM).
// @param id: the variant's id
// @param source_id: the loadout it was derived from
// @tenancy: resolved
// @example: {"id": "atlas-as7-d.stock-variant", "source_id": "atlas-as7-d.stock"}
MATCH (l:Loadout {id: $id})
MATCH (source:Loadout {id: $source_id})
MERGE (l)-[:DERIVED_FROM]->(source)
RETURN l.id AS id
