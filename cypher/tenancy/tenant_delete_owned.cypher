// Deletes everything a tenant owns: its units with their locations, loadouts with their
// calculations, custom items and categories, accepted violations, versions and keys.
// Audit Changes stay, as they do for any deleted entity.
// @tenancy: platform
// @param tenant_id: the tenant id
// @example: {"tenant_id": "guild-a"}
CALL () {
  MATCH (u:Unit)-[:HAS_LOCATION]->(place:Location) WHERE u.tenant = $tenant_id
  DETACH DELETE place
}
CALL () {
  MATCH (u:Unit)-[:HAS_OVERRIDE]->(accepted:AcceptedViolation) WHERE u.tenant = $tenant_id
  DETACH DELETE accepted
}
CALL () {
  MATCH (l:Loadout)-[:HAS_OVERRIDE]->(accepted:AcceptedViolation) WHERE l.tenant = $tenant_id
  DETACH DELETE accepted
}
CALL () {
  MATCH (l:Loadout) WHERE l.tenant = $tenant_id
  MATCH (calc:Calculation {entity_id: l.id})
  DETACH DELETE calc
}
CALL () {
  MATCH (l:Loadout) WHERE l.tenant = $tenant_id
  DETACH DELETE l
}
CALL () {
  MATCH (u:Unit) WHERE u.tenant = $tenant_id
  DETACH DELETE u
}
CALL () {
  MATCH (e:Equipment) WHERE e.tenant = $tenant_id
  DETACH DELETE e
}
CALL () {
  MATCH (c:Category) WHERE c.tenant = $tenant_id
  DETACH DELETE c
}
CALL () {
  MATCH (v:Version) WHERE v.tenant = $tenant_id
  DETACH DELETE v
}
RETURN true AS done
