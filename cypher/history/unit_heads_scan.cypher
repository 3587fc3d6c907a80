// The current content of these Units (locations included) with the newest stored version of
// each (`head`, found by scanning its versions) and the stored chain since its snapshot:
// recording's slow path (history/unit_heads found no head where it expected one, or the
// caller did not say which version it wrote), and what catch-up compares against.
// @param ids: Unit ids
// @param label: 'Unit'
// @tenancy: resolved
// @example: {"ids": ["atlas-as7-d"], "label": "Unit"}
UNWIND $ids AS id
MATCH (n:Unit {id: id})
// @include history/fragments/head
RETURN n.id AS id, properties(n) AS props,
  [(n)-[:HAS_LOCATION]->(loc:Location) | loc {.code, .crit_slots, .fixed_slots, .fixed}] AS parts,
  head {.number, .hash, .base} AS head, chain
