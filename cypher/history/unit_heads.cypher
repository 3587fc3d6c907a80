// The current content of these units (properties and locations) with the head of each
// one's version chain: what recording their next version compares against.
// @param ids: Unit ids
// @param label: 'Unit'
// @example: {"ids": ["atlas-as7-d"], "label": "Unit"}
UNWIND $ids AS id
MATCH (n:Unit {id: id})
// @include history/fragments/head
RETURN n.id AS id, properties(n) AS props,
  [(n)-[:HAS_LOCATION]->(loc:Location) | loc {.code, .crit_slots, .fixed_slots, .fixed}] AS parts,
  head {.number, .hash, .base} AS head, chain
