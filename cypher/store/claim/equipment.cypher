// Claims Equipment nodes for this transaction and returns their properties (soft-deleted
// ones too; ids that do not exist are simply absent).
// @param ids: Equipment ids, sorted (one order everywhere keeps Neo4j free of deadlocks)
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"ids": ["medium-laser"]}
UNWIND $ids AS id
MATCH (n:Equipment {id: id})
WHERE n.tenant IS NULL OR n.tenant = $tenant
// @include store/fragments/claim
RETURN n.id AS id, properties(n) AS props
