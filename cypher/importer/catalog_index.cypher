// Every real (not placeholder) catalog item, to resolve unit references against the graph.
// @tenancy: platform
MATCH (e:Equipment)
WHERE NOT e:Unresolved
RETURN e.id AS id, e.name AS name, e.tech_base AS tech_base, e.crit_slots AS crit_slots
