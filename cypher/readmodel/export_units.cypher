// Every unit, for a read model's rebuild: its properties (bookkeeping ones, named with a
// leading `_`, left out).
// @tenancy: platform
// @scan: a rebuild copies every unit, off the request path (graphstore read-model rebuild, or a read model that finds itself behind)
MATCH (u:Unit)
RETURN u.id AS id, [k IN keys(u) WHERE NOT k STARTS WITH '_' | [k, u[k]]] AS props
