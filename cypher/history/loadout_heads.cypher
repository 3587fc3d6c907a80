// The current content of these loadouts (properties and mounts) with the head of each
// one's version chain: what recording their next version compares against.
// @param ids: Loadout ids
// @param label: 'Loadout'
// @example: {"ids": ["atlas-as7-d.stock"], "label": "Loadout"}
UNWIND $ids AS id
MATCH (n:Loadout {id: id})
// @include history/fragments/head
RETURN n.id AS id, properties(n) AS props,
  [(n)-[m:MOUNTS]->(e:Equipment) |
    m {.mount_id, .location, .slot, .rear, .quantity, .original_id, equipment_id: e.id}] AS parts,
  head {.number, .hash, .base} AS head, chain
