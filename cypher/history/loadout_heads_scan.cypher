// The current content of these Loadouts (mounts included) with the newest stored version of
// each (`head`, found by scanning its versions) and the stored chain since its snapshot:
// recording's slow path (history/loadout_heads found no head where it expected one, or the
// caller did not say which version it wrote), and what catch-up compares against.
// @param ids: Loadout ids
// @param label: 'Loadout'
// @tenancy: resolved
// @example: {"ids": ["atlas-as7-d.stock"], "label": "Loadout"}
UNWIND $ids AS id
MATCH (n:Loadout {id: id})
// @include history/fragments/head
RETURN n.id AS id, properties(n) AS props,
  [(n)-[m:MOUNTS]->(e:Equipment) |
    m {.mount_id, .location, .slot, .rear, .quantity, .original_id, equipment_id: e.id}] AS parts,
  head {.number, .hash, .base} AS head, chain
