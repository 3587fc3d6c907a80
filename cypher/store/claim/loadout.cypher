// Claims Loadout nodes for this transaction and returns their properties (soft-deleted
// ones too; ids that do not exist are simply absent).
// @param ids: Loadout ids, sorted (one order everywhere keeps Neo4j free of deadlocks)
// @example: {"ids": ["atlas-as7-d.stock"]}
UNWIND $ids AS id
MATCH (n:Loadout {id: id})
// @include store/fragments/claim
RETURN n.id AS id, properties(n) AS props
