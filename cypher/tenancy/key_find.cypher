// The key with this id, its hash and its tenant: what authenticating a request reads.
// @tenancy: platform
// @param id: the key id (the part of a presented key before its secret)
// @example: {"id": "k1"}
MATCH (k:ApiKey {id: $id})-[:KEY_OF]->(t:Tenant)
RETURN k {.id, .name, .role, .hash, .expires_at, .revoked_at} AS key, t.id AS tenant
